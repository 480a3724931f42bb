package dev.flotilla.lab.workload;

import dev.flotilla.grid.guarantee.Register;

import java.util.List;
import java.util.Random;

/**
 * Several integer registers {@code r0..r(n-1)}: reads, writes and compare-and-sets of small values (0 to 4, so
 * cas often succeeds and the search stays small); every key's history must be linearizable ({@code cas-register}
 * checker, split per key). Mix: half reads, a quarter writes, a quarter cas.
 */
final class RegisterWorkload extends PerKeyWorkload {
    private static final int VALUES = 5;

    RegisterWorkload() {
        super("r");
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public String model() {
        return "cas-register";
    }

    @Override
    public Generator generator(WorkloadSettings settings, long seed, int worker) {
        Random random = Seeds.random(seed, worker);
        return () -> {
            String key = key(random.nextInt(settings.keys()));
            int dice = random.nextInt(4);
            if (dice < 2) {
                return new Request("read", key, null);
            }
            if (dice == 2) {
                return new Request("write", key, (long) random.nextInt(VALUES));
            }
            return new Request("cas", key, List.of((long) random.nextInt(VALUES), (long) random.nextInt(VALUES)));
        };
    }

    @Override
    public WorkloadClient client(WorkloadSettings settings, Target target) {
        Register registers = target.register(settings.namespace());
        return request -> switch (request.f()) {
            case "read" -> Outcome.ok(registers.read(request.key()));
            case "write" -> {
                registers.write(request.key(), (Long) request.value());
                yield Outcome.ok(request.value());
            }
            case "cas" -> {
                @SuppressWarnings("unchecked")
                List<Long> pair = (List<Long>) request.value();
                yield registers.compareAndSet(request.key(), pair.get(0), pair.get(1))
                        ? Outcome.ok(pair) : Outcome.ok(false); // ran and observed another value: an observation, not a refusal
            }
            default -> throw new IllegalArgumentException("register has no operation " + request.f());
        };
    }
}
