package dev.synod.temporal.internal;

import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.StartingPoint;
import dev.synod.temporal.EffectActivities;
import dev.synod.temporal.LocalEffects;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a command of a worker on a shared remote exchanges: before it runs, the commits its request
 * names (what it starts from, what it checks) are fetched when this worker lacks one; after, its
 * blobs and the commits its result names are pushed, and the release branch for the release, all
 * before the result is handed back. So a command given to any worker finds what it starts from,
 * and its result never names a commit or a blob the other workers cannot reach.
 */
public final class SharedWork implements LocalEffects.Exchange {
    private final SharedRemote remote;
    private final SharedBlobs blobs;

    public SharedWork(SharedRemote remote, SharedBlobs blobs) {
        this.remote = remote;
        this.blobs = blobs;
    }

    @Override
    public void before(EffectActivities.Request request) {
        remote.ensureCommits(request.run(), needed(request));
    }

    @Override
    public void after(EffectActivities.Request request, EffectActivities.Result result) {
        blobs.push();
        Event e = result.result();
        remote.pushCommits(request.run(), request.command().id(), made(e), e instanceof Event.RunFinished f && f.branch() != null);
    }

    /** The commits {@code request} names: what its command starts from and what it checks or releases. */
    static Set<String> needed(EffectActivities.Request request) {
        StartingPoint s = request.start();
        List<String> ids = new ArrayList<>();
        ids.add(s.base());
        s.layers().forEach(l -> ids.add(l.commit()));
        ids.addAll(s.parents());
        ids.addAll(s.merges().values());
        s.previous().ifPresent(p -> ids.add(p.commit()));
        switch (request.command()) {
            case Command.RunGate g -> ids.add(g.commit());
            case Command.RunReview r -> ids.add(r.commit());
            case Command.AskHuman h -> ids.add(h.commit());
            case Command.Finish f -> ids.addAll(f.accepted().values());
            default -> { }
        }
        Set<String> out = new LinkedHashSet<>();
        ids.stream().filter(Objects::nonNull).forEach(out::add);
        return out;
    }

    /** The commits result {@code e} names, which the command made. */
    static List<String> made(Event e) {
        String commit = switch (e) {
            case Event.AgentFinished f -> switch (f.outcome()) {
                case Event.Outcome.Produced p -> p.commit();
                case Event.Outcome.Rejected r -> r.commit();
                default -> null;
            };
            case Event.DecisionRecorded d -> d.commit();
            default -> null;
        };
        return commit == null ? List.of() : List.of(commit);
    }
}
