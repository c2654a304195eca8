package dev.synod.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes choreographies that follow the grammar but not its rules: names that are sometimes
 * undeclared, indexes out of range, loops over the wrong roles, overlapping globs, clauses that
 * do not fit their protocol. Token soup rarely gets past the parser; these files reach every
 * check of the checker.
 */
final class SloppyGenerator {
    private static final String[] MODELS = {"default", "critic", "m", "unknown_model"};
    private static final String[] GATES = {"exists", "compile", "test", "lint", "sh", "typecheck", "nope"};
    private static final String[] GLOBS = {"src/**", "src/a/**", "src/{v}/**", "docs/*.md", "docs/PLAN.md", "a", "a/**",
        "test/{v}/{w}/**", "src/*.java", "**/Foo.java", "{v}", "src/{zz}/x"};

    private final SplittableRandom random;
    private final StringBuilder out = new StringBuilder();
    private final List<String> roles = new ArrayList<>();
    private final List<String> replicated = new ArrayList<>();
    private final List<String> questions = new ArrayList<>();
    private final List<String> artifacts = new ArrayList<>();
    private final List<String> loopVars = new ArrayList<>();
    private int names;

    SloppyGenerator(SplittableRandom random) {
        this.random = random;
    }

    String file() {
        out.append(chance(20) ? "synod 2\n" : "synod 1\n").append("team t {\n");
        if (chance(50)) {
            out.append("  prompt \"").append(chance(50) ? "PROMPT.md" : "MISSING.md").append("\"\n");
        }
        if (chance(70)) {
            out.append("  defaults within ").append(duration()).append(chance(50) ? " retry " + random.nextInt(4) : "").append('\n');
        }
        if (chance(50)) {
            out.append("  deadline ").append(duration()).append('\n');
        }
        body(0);
        out.append("}\n");
        return out.toString();
    }

    private void body(int depth) {
        int roleCount = random.nextInt(1, 5);
        for (int i = 0; i < roleCount; i++) {
            String name = chance(85) ? fresh("r") : pickOr(roles, "r0");
            boolean replicas = chance(40);
            out.append("  role ").append(name);
            if (replicas) {
                out.append('[').append(random.nextInt(6)).append(']');
                replicated.add(name);
            }
            out.append(" model ").append(pick(MODELS));
            if (chance(40)) {
                out.append(", ").append(pick(MODELS));
            }
            out.append('\n');
            roles.add(name);
        }
        int questionCount = random.nextInt(3);
        for (int i = 0; i < questionCount; i++) {
            String name = fresh("q");
            questions.add(name);
            out.append("  question ").append(name).append(" \"Which?\"");
            if (chance(70)) {
                out.append(" options \"a\", \"b\"");
            }
            out.append('\n');
        }
        if (depth < 2 && chance(30)) {
            String lead = fresh("lead");
            out.append("  team ").append(fresh("sub")).append(chance(80) ? " led by " + (chance(80) ? lead : pickOr(roles, "x")) : "")
                    .append(" {\n  role ").append(lead).append(" model default\n");
            roles.add(lead);
            body(depth + 1);
            out.append("  }\n");
        }
        int statements = random.nextInt(1, 7);
        for (int i = 0; i < statements; i++) {
            statement(depth);
        }
    }

    private void statement(int depth) {
        int kind = random.nextInt(depth >= 3 ? 2 : 4);
        switch (kind) {
            case 0 -> handoff();
            case 1 -> decide();
            case 2 -> {
                out.append("  par {\n");
                int branches = random.nextInt(4);
                for (int i = 0; i < branches; i++) {
                    statement(depth + 1);
                }
                out.append("  }\n");
            }
            default -> {
                String var = chance(50) ? "v" : "w";
                out.append("  for ").append(var).append(" in ").append(chance(80) ? pickOr(replicated, "r0") + "[*]" : role())
                        .append(" {\n");
                loopVars.add(var);
                int inner = random.nextInt(1, 3);
                for (int i = 0; i < inner; i++) {
                    statement(depth + 1);
                }
                loopVars.remove(loopVars.size() - 1);
                out.append("  }\n");
            }
        }
    }

    private void handoff() {
        String artifact = chance(85) ? fresh("art") : pickOr(artifacts, "art0");
        boolean perReplica = !loopVars.isEmpty() && chance(80);
        out.append("  ").append(producer()).append(" -> ").append(role());
        if (chance(30)) {
            out.append(", ").append(role());
        }
        out.append(" : ").append(artifact).append(perReplica ? "[" + pickOr(loopVars, "v") + "]" : "");
        if (chance(85)) {
            out.append(" \"").append(pick(GLOBS)).append('"');
            if (chance(30)) {
                out.append(", \"").append(pick(GLOBS)).append('"');
            }
        }
        out.append('\n');
        if (chance(40) && !artifacts.isEmpty()) {
            out.append("    reads ").append(artRef()).append('\n');
        }
        if (chance(20) && !artifacts.isEmpty()) {
            out.append("    merges ").append(artRef()).append('\n');
        }
        if (chance(85)) {
            String gate = pick(GATES);
            out.append("    gate ").append(gate).append(gate.equals("sh") || gate.equals("test") ? " \"" + pick(GLOBS) + "\"" : "")
                    .append('\n');
        }
        if (chance(30)) {
            out.append("    review ").append(role()).append('\n');
        }
        if (chance(40)) {
            out.append("    within ").append(duration()).append(chance(50) ? " retry " + random.nextInt(4) : "").append('\n');
        }
        if (chance(25)) {
            out.append("    else ").append(chance(30) ? "fail" : "escalate " + role() + (chance(30) ? ", " + role() : ""))
                    .append('\n');
        }
        if (chance(20)) {
            out.append("    freeze\n");
        }
        artifacts.add(artifact);
    }

    private void decide() {
        out.append("  decide ").append(pickOr(questions, "q0"));
        if (chance(20)) {
            out.append(", ").append(pickOr(questions, "q1"));
        }
        if (chance(70)) {
            out.append(" among ").append(role());
            if (chance(50)) {
                out.append(", ").append(role());
            }
        }
        out.append(" by ").append(switch (random.nextInt(3)) {
            case 0 -> "leader " + role();
            case 1 -> "vote";
            default -> "ben_or";
        }).append('\n');
        if (chance(30) && !artifacts.isEmpty()) {
            out.append("    reads ").append(artRef()).append('\n');
        }
        if (chance(30)) {
            out.append("    quorum ").append(random.nextInt(5)).append('\n');
        }
        if (chance(30)) {
            out.append("    rounds ").append(random.nextInt(4)).append('\n');
        }
        if (chance(20)) {
            out.append("    fallback ").append(role()).append('\n');
        }
        if (chance(30)) {
            out.append("    tolerate ").append(random.nextInt(3)).append(chance(50) ? " crash" : " byzantine").append('\n');
        }
        if (chance(30)) {
            out.append("    within ").append(duration()).append('\n');
        }
    }

    private String producer() {
        if (!loopVars.isEmpty() && chance(60)) {
            return pickOr(loopVars, "v");
        }
        return role();
    }

    private String role() {
        int roll = random.nextInt(100);
        if (roll < 5) {
            return "human";
        }
        if (roll < 10) {
            return "all";
        }
        if (roll < 15) {
            return "nobody";
        }
        if (roll < 30 && !replicated.isEmpty()) {
            return pickOr(replicated, "r0") + "[" + (chance(30) ? "*" : Integer.toString(random.nextInt(5))) + "]";
        }
        if (roll < 40 && !loopVars.isEmpty()) {
            return pickOr(loopVars, "v");
        }
        return pickOr(roles, "r0");
    }

    private String artRef() {
        String name = pickOr(artifacts, "art0");
        return switch (random.nextInt(4)) {
            case 0 -> name + "[*]";
            case 1 -> name + "[" + (loopVars.isEmpty() ? "v" : pickOr(loopVars, "v")) + "]";
            default -> name;
        };
    }

    private String duration() {
        return random.nextInt(0, 90) + (chance(50) ? "m" : chance(50) ? "s" : "h");
    }

    private String fresh(String prefix) {
        return prefix + names++;
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private String pickOr(List<String> options, String fallback) {
        return options.isEmpty() ? fallback : options.get(random.nextInt(options.size()));
    }
}
