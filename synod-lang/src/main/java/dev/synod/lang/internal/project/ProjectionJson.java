package dev.synod.lang.internal.project;

import dev.synod.lang.Projection;
import dev.synod.lang.Projection.Entry;
import dev.synod.lang.model.ArtifactId;
import dev.synod.lang.model.Gate;
import dev.synod.lang.model.RoleId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The JSON form of a {@link Projection}: {@code {"role", "team", "entries"}}, each entry an
 * object with a {@code "kind"} ({@code produce}, {@code takeOver}, {@code receive},
 * {@code review}, {@code vote}, {@code lead}, {@code fallback}, {@code concurrently}) and a
 * {@code "line"}. Every field of a kind is always present: an absent value is {@code null}, an
 * empty list {@code []}. Durations are whole seconds; roles and artifacts are written as in a file.
 */
public final class ProjectionJson {
    private final JsonWriter json = new JsonWriter();

    private ProjectionJson() {
    }

    /** The projection as a JSON document, ending with a newline. */
    public static String render(Projection projection) {
        ProjectionJson r = new ProjectionJson();
        r.json.beginObject();
        r.json.name("role").value(projection.role());
        r.json.name("team").value(projection.team());
        r.json.name("entries");
        r.entries(projection.entries());
        r.json.endObject();
        return r.json.finish();
    }

    private void entries(List<Entry> entries) {
        json.beginArray();
        entries.forEach(this::entry);
        json.endArray();
    }

    private void entry(Entry entry) {
        json.beginObject();
        switch (entry) {
            case Projection.Produce p -> {
                head("produce", p.line());
                json.name("artifact").value(p.task().artifact().display());
                task(p.task());
                roles("escalation", p.escalation());
                json.name("escalationImplicit").value(p.escalationImplicit());
            }
            case Projection.TakeOver t -> {
                head("takeOver", t.line());
                json.name("artifact").value(t.task().artifact().display());
                json.name("producer").value(t.producer().display());
                roles("earlier", t.earlier());
                roles("later", t.later());
                json.name("implicit").value(t.implicit());
                task(t.task());
            }
            case Projection.Receive r -> {
                head("receive", r.line());
                json.name("artifact").value(r.artifact().display());
                json.name("producer").value(r.producer().display());
                strings("files", r.files(), Function.identity());
                json.name("frozen").value(r.frozen());
            }
            case Projection.Review r -> {
                head("review", r.line());
                json.name("artifact").value(r.artifact().display());
                json.name("producer").value(r.producer().display());
                strings("files", r.files(), Function.identity());
                gates(r.gates());
            }
            case Projection.Vote v -> {
                head("vote", v.line());
                questions(v.questions());
                json.name("protocol").value(v.protocol().keyword());
                roles("voters", v.voters());
                artifacts("reads", v.reads());
                json.name("quorum").value(v.quorum());
                json.name("rounds").value(v.rounds());
                role("fallback", v.fallback());
                seconds("withinSeconds", v.within());
            }
            case Projection.Lead l -> {
                head("lead", l.line());
                questions(l.questions());
                artifacts("reads", l.reads());
                seconds("withinSeconds", l.within());
            }
            case Projection.Fallback f -> {
                head("fallback", f.line());
                questions(f.questions());
                json.name("protocol").value(f.protocol().keyword());
                roles("voters", f.voters());
                artifacts("reads", f.reads());
                json.name("rounds").value(f.rounds());
                seconds("withinSeconds", f.within());
            }
            case Projection.Concurrently c -> {
                head("concurrently", c.line());
                json.name("branches").beginArray();
                c.branches().forEach(this::entries);
                json.endArray();
            }
        }
        json.endObject();
    }

    private void head(String kind, int line) {
        json.name("kind").value(kind);
        json.name("line").value(line);
    }

    /** The fields of a task after its artifact, which the entry writes first. */
    private void task(Projection.Task t) {
        roles("receivers", t.receivers());
        strings("writeScope", t.writeScope(), Function.identity());
        json.name("writeScopeFromMerges").value(t.scopeFromMerges());
        artifacts("reads", t.reads());
        artifacts("merges", t.merges());
        gates(t.gates());
        roles("reviewers", t.reviewers());
        seconds("withinSeconds", t.within());
        json.name("retry").value(t.retry());
        json.name("freeze").value(t.freeze());
    }

    private void gates(List<Gate> gates) {
        json.name("gates").beginArray();
        for (Gate g : gates) {
            json.beginObject().name("name").value(g.name()).name("argument");
            if (g.argument().isPresent()) {
                json.value(g.argument().get());
            } else {
                json.nullValue();
            }
            json.endObject();
        }
        json.endArray();
    }

    private void questions(List<Projection.Question> questions) {
        json.name("questions").beginArray();
        for (Projection.Question q : questions) {
            json.beginObject().name("name").value(q.name()).name("text").value(q.text());
            strings("options", q.options(), Function.identity());
            json.endObject();
        }
        json.endArray();
    }

    private void roles(String name, List<RoleId> roles) {
        strings(name, roles, RoleId::display);
    }

    private void artifacts(String name, List<ArtifactId> artifacts) {
        strings(name, artifacts, ArtifactId::display);
    }

    private <T> void strings(String name, List<T> values, Function<T, String> text) {
        json.name(name).beginArray();
        values.forEach(v -> json.value(text.apply(v)));
        json.endArray();
    }

    private void role(String name, Optional<RoleId> role) {
        json.name(name);
        if (role.isPresent()) {
            json.value(role.get().display());
        } else {
            json.nullValue();
        }
    }

    private void seconds(String name, OptionalLong seconds) {
        json.name(name);
        if (seconds.isPresent()) {
            json.value(seconds.getAsLong());
        } else {
            json.nullValue();
        }
    }
}
