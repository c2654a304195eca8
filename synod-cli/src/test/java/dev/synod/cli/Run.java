package dev.synod.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of {@code synod} in process, with what it printed and its exit status. */
record Run(int exit, String out, String err) {

    /** Runs {@code synod args…} through picocli exactly as {@code main} does, minus the exit. */
    static Run synod(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SynodCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The lines of standard error. */
    String[] errLines() {
        return err.lines().toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
