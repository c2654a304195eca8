package dev.synod.testkit;

import dev.synod.core.Clock;

/**
 * {@link Clock#SYSTEM} against the clock contract. It lives here rather than in synod-core's
 * tests because synod-core cannot depend on the testkit, which depends on it.
 */
class SystemClockContractTest extends ClockContract {
    @Override
    protected Clock clock() {
        return Clock.SYSTEM;
    }
}
