/**
 * Test support for Synod's plug-in points: one abstract contract test per SPI
 * ({@link dev.synod.testkit.JournalContract}, {@link dev.synod.testkit.BlobStoreContract},
 * {@link dev.synod.testkit.WorkspaceContract}, {@link dev.synod.testkit.GateContract},
 * {@link dev.synod.testkit.AgentContract}, {@link dev.synod.testkit.ClockContract}) that every
 * implementation subclasses, sample values that cover every event type, in-memory doubles
 * ({@link dev.synod.testkit.InMemoryJournal}, {@link dev.synod.testkit.InMemoryBlobStore}) for
 * engine tests, and a {@link dev.synod.testkit.FakeClock}. The contracts are main code so that
 * other modules can subclass them from their tests; this module depends on synod-core only (see
 * its pom for why not on synod-runtime).
 */
package dev.synod.testkit;
