package dev.synod.core;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The limits on tokens and money from {@code synod.yaml}: run-wide, and optionally per role.
 *
 * @param roles the budget of each role that has one, by role name ({@code dev}); a role's budget
 *              covers all its replicas together ({@code dev[1]}, {@code dev[2]}, …) and has no
 *              roles of its own
 */
public record Budget(OptionalLong tokens, OptionalDouble usd, Map<String, Budget> roles) {
    public static final Budget UNLIMITED = new Budget(OptionalLong.empty(), OptionalDouble.empty());

    public Budget {
        if (tokens.isPresent() && tokens.getAsLong() < 0) {
            throw new IllegalArgumentException("budget tokens must not be negative, found " + tokens.getAsLong());
        }
        if (usd.isPresent() && usd.getAsDouble() < 0) {
            throw new IllegalArgumentException("budget usd must not be negative, found " + usd.getAsDouble());
        }
        roles = Maps.ordered(roles);
        roles.forEach((role, b) -> {
            if (!b.roles().isEmpty()) {
                throw new IllegalArgumentException("the budget of role " + role + " must not have roles of its own");
            }
        });
    }

    /** A run-wide budget without per-role limits. */
    public Budget(OptionalLong tokens, OptionalDouble usd) {
        this(tokens, usd, Map.of());
    }

    /** Why {@code used} leaves no room for another model call, or empty while it does. */
    public Optional<String> exhaustedBy(Event.Usage used) {
        if (tokens.isPresent() && used.tokens() >= tokens.getAsLong()) {
            return Optional.of("token budget exhausted: " + used.tokens() + " of " + tokens.getAsLong() + " tokens used");
        }
        if (usd.isPresent() && used.usd() >= usd.getAsDouble()) {
            return Optional.of(String.format(java.util.Locale.ROOT, "money budget exhausted: $%.2f of $%.2f used",
                    used.usd(), usd.getAsDouble()));
        }
        return Optional.empty();
    }

    /**
     * Why {@code participant} (a role as written, such as {@code dev[2]}) may not start another
     * model call, or empty while it may: the run's budget first, then its role's.
     *
     * @param run    what the whole run used so far
     * @param byRole what each participant used so far, by participant as written
     */
    public Optional<String> refusal(String participant, Event.Usage run, Map<String, Event.Usage> byRole) {
        Optional<String> runWide = exhaustedBy(run);
        if (runWide.isPresent()) {
            return runWide;
        }
        String role = roleOf(participant);
        Budget own = roles.get(role);
        if (own == null) {
            return Optional.empty();
        }
        return own.exhaustedBy(usedByRole(role, byRole)).map(why -> "the budget of role " + role + " is spent: " + why);
    }

    /** What the participants of {@code role} used together: {@code dev} sums {@code dev[1]}, {@code dev[2]}, …. */
    public static Event.Usage usedByRole(String role, Map<String, Event.Usage> byParticipant) {
        Event.Usage sum = Event.Usage.NONE;
        for (var e : byParticipant.entrySet()) {
            if (roleOf(e.getKey()).equals(role)) {
                sum = sum.plus(e.getValue());
            }
        }
        return sum;
    }

    /** The role of a participant as written: {@code dev[2]} is a replica of {@code dev}. */
    public static String roleOf(String participant) {
        int bracket = participant.indexOf('[');
        return bracket < 0 ? participant : participant.substring(0, bracket);
    }
}
