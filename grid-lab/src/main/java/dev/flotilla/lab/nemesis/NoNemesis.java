package dev.flotilla.lab.nemesis;

/** No faults: the baseline that shows what a mode does under concurrency alone. */
final class NoNemesis implements Nemesis {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public java.util.List<String> faultKinds() {
        return java.util.List.of();
    }

    @Override
    public int minimumMembers(int cpMemberCount) {
        return 1;
    }

    @Override
    public <M> void run(ClusterControl<M> cluster, NemesisSettings settings, Schedule schedule, FaultLog log) {
        // Nothing to do.
    }
}
