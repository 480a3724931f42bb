package dev.flotilla.lab.report;

import dev.flotilla.lab.check.Verdict;

import java.util.List;

/** Markdown for repeated trials: one set in detail, or many sets as one table row each. */
final class TrialsPage {
    private TrialsPage() {
    }

    static String markdown(TrialSet set) {
        StringBuilder md = new StringBuilder("# ").append(set.name()).append(" (").append(set.trials().size())
                .append(" trials)\n\n");
        md.append(set.setup()).append(". ").append(set.verdicts()).append("; ").append(set.lossRate()).append(".\n\n");
        if (set.lost() > 0) {
            md.append("Lost operations were ").append(set.losses().describe()).append(".\n\n");
        }
        if (!set.healToMerge().equals("-")) {
            md.append("Heal to merged: ").append(set.healToMerge()).append(".\n\n");
        }
        md.append("| trial seed | verdict | finding | fired under load |\n|---|---|---|---|\n");
        for (RunResult r : set.trials()) {
            md.append("| ").append(r.seed()).append(" | ").append(r.shownVerdict()).append(" | ")
                    .append(RunPage.cell(r.summary())).append(" | ").append(RunPage.cell(r.shownNemesis()))
                    .append(" |\n");
        }
        return md.toString();
    }

    static String table(List<TrialSet> sets) {
        boolean merges = sets.stream().anyMatch(set -> !set.healToMerge().equals("-"));
        StringBuilder md = new StringBuilder("| experiment | setup | verdicts | lost acknowledged | when acknowledged |"
                + (merges ? " heal to merged |" : "") + " finding (first INVALID trial, else the first) |\n|---|---|---|---|---|---|"
                + (merges ? "---|" : "") + "\n");
        for (TrialSet set : sets) {
            RunResult shown = set.trials().stream().filter(r -> r.verdict() == Verdict.INVALID).findFirst()
                    .orElse(set.trials().isEmpty() ? null : set.trials().get(0));
            md.append("| ").append(set.name()).append(" | ").append(RunPage.cell(set.setup())).append(" | ")
                    .append(set.verdicts()).append(" | ").append(RunPage.cell(set.lossRate())).append(" | ")
                    .append(set.lost() == 0 ? "-" : RunPage.cell(set.losses().describe())).append(" | ")
                    .append(merges ? set.healToMerge() + " | " : "")
                    .append(shown == null ? "-" : RunPage.cell(shown.summary())).append(" |\n");
        }
        return md.toString();
    }
}
