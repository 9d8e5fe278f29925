package io.authpipe.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the KMS-call report: the table as plain text, a rotation summary, then both again as Markdown. */
final class KmsCallsPrinter {
    private final PrintStream out;

    KmsCallsPrinter(PrintStream out) {
        this.out = out;
    }

    void print(String endpoint, List<Phase> phases, Phase rotation) {
        ReportTable table = table(phases, rotation);
        out.println("Vault KMS calls: AwsKms (per-tenant keys) behind ResilientKms, AWS SDK v2 -> KmsEmulator " + endpoint);
        out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores; "
                + "1 credential = access + refresh token (" + MastodonCredentials.TOKEN_LENGTH + " characters each) = 2 envelopes");
        out.println();
        out.print(table.text());
        out.println();
        out.println(summary(rotation));
        out.println();
        out.println("Markdown:");
        out.println();
        out.print(table.markdown());
        out.println();
        out.println("**" + summary(rotation) + "**");
        out.flush();
    }

    private static ReportTable table(List<Phase> phases, Phase rotation) {
        List<String> headers = new ArrayList<>(List.of("scenario", "step", "envelopes", "wall ms", "envelopes/s"));
        headers.addAll(KmsCalls.OPERATIONS);
        headers.addAll(List.of("other", "KMS calls"));
        ReportTable table = new ReportTable(headers, 2);
        phases.forEach(phase -> table.row(cells(phase)));
        return table.row(cells(rotation));
    }

    private static List<String> cells(Phase phase) {
        List<String> cells = new ArrayList<>(List.of(phase.scenario(), phase.step(),
                KmsCallsReport.count(phase.envelopes()), KmsCallsReport.count(phase.wall().toMillis()),
                phase.envelopes() == 0 ? "-" : KmsCallsReport.count(phase.envelopesPerSecond())));
        KmsCalls.OPERATIONS.forEach(operation -> cells.add(KmsCallsReport.count(phase.calls().count(operation))));
        cells.add(KmsCallsReport.count(phase.calls().other()));
        cells.add(KmsCallsReport.count(phase.calls().total()));
        return cells;
    }

    private static String summary(Phase rotation) {
        KmsCalls calls = rotation.calls();
        List<String> byOperation = new ArrayList<>();
        KmsCalls.OPERATIONS.stream().filter(operation -> calls.count(operation) > 0)
                .forEach(operation -> byOperation.add(operation + " " + calls.count(operation)));
        return String.format(Locale.ROOT, "Key rotation of %s credentials (%s envelopes), 1 tenant: %.3f s wall, "
                        + "%s envelopes/s, %d KMS calls (%s)",
                KmsCallsReport.count(rotation.envelopes() / 2), KmsCallsReport.count(rotation.envelopes()),
                rotation.wall().toNanos() / 1e9, KmsCallsReport.count(rotation.envelopesPerSecond()), calls.total(),
                String.join(", ", byOperation));
    }
}
