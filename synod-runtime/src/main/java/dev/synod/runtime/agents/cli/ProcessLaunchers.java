package dev.synod.runtime.agents.cli;

import java.util.Map;

/** The launchers other packages may choose from. */
public final class ProcessLaunchers {
    private ProcessLaunchers() {
    }

    /** Inside bubblewrap, after checking it works here; see {@link SandboxedLauncher}. */
    public static ProcessLauncher sandboxed(Map<String, String> parentEnv) {
        return SandboxedLauncher.checked(parentEnv);
    }
}
