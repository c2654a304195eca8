package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCommandTest {
    @TempDir
    Path dir;

    @Test
    void role_is_required() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("project", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()[0]).startsWith("synod: Missing required option").contains("--role");
    }

    @Test
    void missing_file_is_exit_2() {
        Run run = Run.synod("project", dir.resolve("none.synod").toString(), "--role", "writer");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("no such file");
    }

    @Test
    @Tag("needs-lang")
    void prints_the_contract_of_a_role() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("project", team.toString(), "--role", "writer");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("notes").contains("reader");
        assertThat(run.err()).isEmpty();
    }

    @Test
    @Tag("needs-lang")
    void json_is_a_json_document() throws Exception {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("project", team.toString(), "--role", "reader", "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).isContainerNode()).isTrue();
        assertThat(run.out()).contains("notes");
    }

    @Test
    @Tag("needs-lang")
    void unknown_role_is_exit_2_with_the_message() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("project", team.toString(), "--role", "nobody");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("synod: ").contains("nobody");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @Tag("needs-lang")
    void a_file_with_errors_prints_them_and_exits_1() {
        Path team = Teams.write(dir, "team.synod", Teams.MISSING_GATE);

        Run run = Run.synod("project", team.toString(), "--role", "writer");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("error[S020]");
        assertThat(run.out()).isEmpty();
    }
}
