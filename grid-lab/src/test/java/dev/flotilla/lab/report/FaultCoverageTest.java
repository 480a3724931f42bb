package dev.flotilla.lab.report;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.nemesis.Fault;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault bookkeeping on synthetic histories: no cluster, times chosen by hand (seconds on the run's clock). */
class FaultCoverageTest {
    private static final long S = 1_000_000_000L;
    private static final long LOAD_STOP = 4 * S;

    /** Builds a history from (invoke time, completion time, completion type) triples, one process each. */
    private static final class Ops {
        private final List<Event> events = new ArrayList<>();
        private int process;

        Ops op(double invokedAt, double completedAt, EventType type) {
            int p = process++;
            events.add(new Event(events.size(), (long) (invokedAt * S), p, EventType.INVOKE, "add", null, IntNode.valueOf(p)));
            events.add(new Event(events.size(), (long) (completedAt * S), p, type, "add", null, IntNode.valueOf(p)));
            return this;
        }

        FaultCoverage coverage(String nemesis, List<String> kinds, Fault... faults) {
            History history = History.of(events);
            return FaultCoverage.of(nemesis, kinds, List.of(faults), history.events(), history.operations(),
                    LOAD_STOP, 5 * S);
        }
    }

    private static Fault crash(double start, double end) {
        return new Fault("crash", List.of("member 2"), "member 2: 3 -> 2 members", (long) (start * S),
                (long) ((start + end) / 2 * S), (long) (end * S));
    }

    @Test
    void windowEndedUnderLoad_withAcknowledgedOperationsAfterIt_isCovered() {
        FaultCoverage c = new Ops().op(0.5, 0.6, EventType.OK).op(1.2, 1.9, EventType.INFO).op(1.5, 1.6, EventType.FAIL)
                .op(2.5, 2.6, EventType.OK).op(3.0, 3.1, EventType.OK)
                .coverage("crash", List.of("crash"), crash(1.0, 2.0));

        assertThat(c.covered()).isTrue();
        assertThat(c.problems()).isEmpty();
        assertThat(c.fired()).isEqualTo(Map.of("crash", 1));
        assertThat(c.label()).isEqualTo("crash x1");
        FaultCoverage.Window w = c.windows().get(0);
        assertThat(w.during()).isEqualTo(new Counts(2, 0, 1, 1));
        assertThat(w.after()).isEqualTo(new Counts(2, 2, 0, 0));
        assertThat(c.effectsAfterLoad()).isEmpty();
    }

    @Test
    void windowEndedUnderLoad_withOnlyFailuresAfterIt_isNotCovered() {
        // The cluster stopped serving at the fault: what came after failed or never answered.
        FaultCoverage c = new Ops().op(0.5, 0.6, EventType.OK).op(1.5, 1.6, EventType.OK)
                .op(2.5, 2.6, EventType.FAIL).op(3.0, 4.5, EventType.INFO)
                .coverage("crash", List.of("crash"), crash(1.0, 2.0));

        assertThat(c.covered()).isFalse();
        assertThat(c.neverFired()).isFalse();
        assertThat(c.problems()).containsExactly("no acknowledged operation after the crash at 1.0 s (it ended at 2.0 s)");
        assertThat(c.windows().get(0).after()).isEqualTo(new Counts(2, 0, 1, 1));
        assertThat(c.shortProblem()).isEqualTo("no acknowledged operation after a fault");
    }

    @Test
    void windowOpenWhenTheLoadStopped_needsAnAcknowledgementAfterItsStart() {
        Fault late = crash(3.0, 6.0);
        FaultCoverage served = new Ops().op(0.5, 0.6, EventType.OK).op(3.5, 3.6, EventType.OK)
                .coverage("crash", List.of("crash"), late);
        FaultCoverage stalled = new Ops().op(0.5, 0.6, EventType.OK).op(3.5, 5.0, EventType.INFO)
                .coverage("crash", List.of("crash"), late);

        assertThat(served.covered()).isTrue();
        assertThat(served.windows().get(0).after()).isEqualTo(new Counts(0, 0, 0, 0));
        assertThat(served.effectsAfterLoad()).singleElement().asString()
                .contains("the crash at 3.0 s fired under load", "reported it at 4.5 s", "ended at 6.0 s",
                        "after the load stopped at 4.0 s");
        assertThat(stalled.problems()).containsExactly(
                "no acknowledged operation after the crash at 3.0 s (it had not ended when the load stopped at 4.0 s)");
    }

    @Test
    void faultStartedAfterTheLoad_neverFired() {
        FaultCoverage c = new Ops().op(0.5, 0.6, EventType.OK)
                .coverage("crash", List.of("crash"), crash(5.0, 6.0));

        assertThat(c.neverFired()).isTrue();
        assertThat(c.fired()).isEqualTo(Map.of("crash", 0));
        assertThat(c.label()).isEqualTo("crash (never fired)");
        assertThat(c.problems()).containsExactly("fault never fired: crash (interval 5.0 s, load ran 4.0 s)");
        assertThat(c.shortProblem()).isEqualTo("fault never fired");
    }

    @Test
    void restoresAreNotTheFaultAskedFor() {
        // A crash nemesis' replacement join is a restore: it does not make the crash fire.
        Fault replacement = new Fault("join", List.of("member 4"), "replacement: 2 -> 3 members", S, 2 * S);
        FaultCoverage c = new Ops().op(2.5, 2.6, EventType.OK).coverage("crash", List.of("crash"), replacement);

        assertThat(c.neverFired()).isTrue();
    }

    @Test
    void churn_countsEachKind() {
        Fault join = new Fault("join", List.of("member 4"), "join: 3 -> 4 members", S, (long) (1.5 * S));
        Fault crash = crash(2.0, 2.5);
        FaultCoverage c = new Ops().op(1.6, 1.7, EventType.OK).op(3.0, 3.1, EventType.OK)
                .coverage("churn", List.of("join", "leave", "crash"), join, crash);

        assertThat(c.covered()).isTrue();
        assertThat(c.label()).isEqualTo("churn (join x1, crash x1)");
    }

    @Test
    void noNemesis_coversNothingAndNeedsNothing() {
        FaultCoverage c = new Ops().coverage("none", List.of());

        assertThat(c).isEqualTo(FaultCoverage.NONE);
        assertThat(c.covered()).isTrue();
        assertThat(c.neverFired()).isFalse();
        assertThat(c.label()).isEqualTo("none");
    }

    @Test
    void shownVerdict_namesTheFaultThatNeverFired() {
        FaultCoverage never = new Ops().op(0.5, 0.6, EventType.OK).coverage("crash", List.of("crash"));

        assertThat(ReportsTest.result("x", Verdict.UNKNOWN, never).shownVerdict()).isEqualTo("UNKNOWN: fault never fired");
        assertThat(ReportsTest.result("x", Verdict.INVALID, never).shownVerdict())
                .isEqualTo("INVALID (fault never fired)");
        assertThat(ReportsTest.result("x", Verdict.VALID, FaultCoverage.NONE).shownVerdict()).isEqualTo("VALID");
        String md = Reports.runMarkdown(ReportsTest.result("x", Verdict.UNKNOWN, never));
        assertThat(md).contains("| crash (never fired) | **UNKNOWN: fault never fired** |");
        String matrix = Reports.matrixMarkdown(List.of(new MatrixCell("counter", "unsafe", "crash",
                "3 members, crash (never fired)", java.util.Optional.of(ReportsTest.result("x", Verdict.UNKNOWN, never)), "")));
        assertThat(matrix).contains("**UNKNOWN: fault never fired**").doesNotContain("**VALID");
    }

    @Test
    void trials_nameTheTrialsThatDoNotCoverTheirFault() {
        FaultCoverage never = new Ops().op(0.5, 0.6, EventType.OK).coverage("crash", List.of("crash"));
        FaultCoverage stalled = new Ops().op(1.5, 1.6, EventType.OK).op(2.5, 2.6, EventType.FAIL)
                .coverage("crash", List.of("crash"), crash(1.0, 2.0));
        FaultCoverage served = new Ops().op(2.5, 2.6, EventType.OK).coverage("crash", List.of("crash"), crash(1.0, 2.0));
        TrialSet set = new TrialSet("t", "3 members", List.of(ReportsTest.result("a", Verdict.UNKNOWN, never),
                ReportsTest.result("b", Verdict.UNKNOWN, stalled), ReportsTest.result("c", Verdict.VALID, served)));

        assertThat(set.trialsWithoutFault()).isEqualTo(1);
        assertThat(set.verdicts()).isEqualTo("INVALID 0, VALID 1, UNKNOWN 2 of 3; fault never fired in 1,"
                + " no acknowledged operation after a fault in 1");
        assertThat(TrialsPage.markdown(set)).contains("| UNKNOWN: fault never fired | lost 2 | crash (never fired) |",
                "| VALID | lost 2 | crash x1 |");
    }
}
