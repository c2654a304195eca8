package dev.synod.lang.internal.graph;

import java.util.List;

/** What happens, in order: the statements of a choreography with roles resolved and loops expanded. */
sealed interface Flow {

    /** One message of a hand-off: {@code from} gives the artifact to {@code to}. */
    record Arrow(Participant from, Participant to) {
    }

    /** A hand-off: one arrow per producer and receiver ({@code all} and {@code r[*]} expanded). */
    record Send(List<Participant> producers, List<Arrow> arrows, Artifact artifact, List<String> gates,
                List<Artifact> reads, List<Artifact> merges) implements Flow {
        public Send {
            producers = List.copyOf(producers);
            arrows = List.copyOf(arrows);
            gates = List.copyOf(gates);
            reads = List.copyOf(reads);
            merges = List.copyOf(merges);
        }
    }

    /** A {@code par} block: its branches run concurrently. */
    record Parallel(List<Branch> branches) implements Flow {
        public Parallel {
            branches = List.copyOf(branches);
        }
    }

    /** One branch of a {@code par}: a direct child, or one replica of a {@code for} child. */
    record Branch(String label, List<Flow> flows) {
        public Branch {
            flows = List.copyOf(flows);
        }
    }

    /** A {@code for} loop that could not be expanded, because its role or replica count is unknown. */
    record Loop(String label, List<Flow> body) implements Flow {
        public Loop {
            body = List.copyOf(body);
        }
    }

    /** A {@code decide}: {@code voters} are the voters, or the leader. */
    record Decision(List<Participant> voters, String text, List<Artifact> reads) implements Flow {
        public Decision {
            voters = List.copyOf(voters);
            reads = List.copyOf(reads);
        }
    }
}
