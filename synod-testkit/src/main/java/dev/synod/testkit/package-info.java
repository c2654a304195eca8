/**
 * Test support for Synod's plug-in points: one abstract contract test per SPI
 * ({@link dev.synod.testkit.JournalContract}, {@link dev.synod.testkit.BlobStoreContract}) that
 * every implementation subclasses, sample values that cover every event type, and in-memory
 * doubles ({@link dev.synod.testkit.InMemoryJournal}, {@link dev.synod.testkit.InMemoryBlobStore})
 * for engine tests. The contracts are main code so that other modules can subclass them from
 * their tests; this module depends on synod-core only (see its pom for why not on synod-runtime).
 */
package dev.synod.testkit;
