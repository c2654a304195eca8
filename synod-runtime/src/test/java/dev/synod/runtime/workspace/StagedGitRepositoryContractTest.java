package dev.synod.runtime.workspace;

import dev.synod.core.Workspace;
import dev.synod.testkit.WorkspaceContract;
import java.nio.file.Path;

/** The workspace contract with new objects staged in a log instead of written as loose files. */
class StagedGitRepositoryContractTest extends WorkspaceContract {
    @Override
    protected Workspace open(Path directory) {
        GitRepository repo = GitRepository.openOrInit(directory);
        repo.stageObjectsIn(new MemoryObjectLog());
        return repo;
    }
}
