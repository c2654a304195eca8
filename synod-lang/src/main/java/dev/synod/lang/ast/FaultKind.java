package dev.synod.lang.ast;

/** The fault a {@code tolerate} clause allows for. */
public enum FaultKind {
    CRASH,
    BYZANTINE;

    public String keyword() {
        return this == CRASH ? "crash" : "byzantine";
    }
}
