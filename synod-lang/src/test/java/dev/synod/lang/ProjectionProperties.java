package dev.synod.lang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synod.lang.gen.ChoreographyGen;
import dev.synod.lang.model.RoleId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The projection of every role of a random choreography is defined, and its two forms agree. */
class ProjectionProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300, seed = "20261128")
    void every_participant_has_a_projection(@ForAll("files") String text) throws Exception {
        CheckResult checked = Synod.check(new SourceFile("gen.synod", text), CheckOptions.none());
        Statistics.label("checks clean").collect(!checked.hasErrors());
        List<String> roles = new ArrayList<>();
        checked.model().orElseThrow().participants().forEach(r -> roles.add(r.display()));
        roles.add(RoleId.HUMAN.display());

        for (String role : roles) {
            Projection p = Synod.project(checked, role);
            assertThat(p.role()).isEqualTo(role);
            assertThat(p.toText()).as("text of %s in%n%s", role, text).isNotBlank().contains(role);
            JsonNode json = JSON.readTree(p.toJson());
            assertThat(json.get("role").asText()).isEqualTo(role);
            assertThat(json.get("entries").size()).as("entries of %s", role).isEqualTo(p.entries().size());
        }
    }

    @Provide
    Arbitrary<String> files() {
        return ChoreographyGen.files();
    }
}
