package dev.flotilla.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method,uri,status}}: every request timed from the first filter to the
 * response, {@code uri} being the route template ({@code NOT_FOUND} when no route matched).
 *
 * <p>In place of Micronaut's web metrics binder, which builds and registers its timer (tags, meter filters,
 * registry lookup) on every request: here each label set's timer is found once and then read from a map, so a
 * request costs a map lookup and the histogram's atomic adds. The label sets are bounded: routes are fixed, methods
 * and statuses few.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class HttpRequestTimers implements Ordered {
    static final String NAME = "http.server.requests";
    private static final String START = HttpRequestTimers.class.getName() + ".start";
    private static final String UNMATCHED = "NOT_FOUND";

    private final MeterRegistry registry;
    private final Map<Labels, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Object, String> templates = new ConcurrentHashMap<>();

    private record Labels(String method, String uri, int status) {
    }

    public HttpRequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** First of all filters, so the time includes theirs. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(START, System.nanoTime());
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, HttpResponse<?> response) {
        Object start = request.getAttribute(START).orElse(null);
        if (!(start instanceof Long startNanos)) {
            return;
        }
        Labels labels = new Labels(request.getMethodName(), uri(request), response.code());
        timers.computeIfAbsent(labels, l -> Timer.builder(NAME).tag("method", l.method()).tag("uri", l.uri())
                        .tag("status", Integer.toString(l.status())).register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private String uri(HttpRequest<?> request) {
        Object info = RouteAttributes.getRouteInfo(request).orElse(null);
        if (!(info instanceof UriRouteInfo<?, ?> route)) {
            return UNMATCHED;
        }
        return templates.computeIfAbsent(route, r -> route.getUriMatchTemplate().toPathString());
    }
}
