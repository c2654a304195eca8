package dev.synod.runtime.workspace;

import dev.synod.core.Workspace;
import dev.synod.testkit.WorkspaceContract;
import java.nio.file.Path;

class GitRepositoryContractTest extends WorkspaceContract {
    @Override
    protected Workspace open(Path directory) {
        return GitRepository.openOrInit(directory);
    }
}
