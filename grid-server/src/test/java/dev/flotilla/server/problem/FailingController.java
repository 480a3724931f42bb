package dev.flotilla.server.problem;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;

import java.util.concurrent.CompletableFuture;

/** Test-only endpoints that fail in the ways a real handler can. */
@Requires(property = "test.failing-endpoints", value = "true")
@Controller("/test-failures")
public class FailingController {
    static final String SECRET = "s3cr3t-internal-detail";

    @Get("/library-bad-request")
    public String libraryBadRequest() {
        throw new HttpStatusException(HttpStatus.BAD_REQUEST, SECRET);
    }

    @Get("/library-conflict")
    public String libraryConflict() {
        throw new HttpStatusException(HttpStatus.CONFLICT, SECRET);
    }

    @Get("/unexpected")
    public String unexpected() {
        throw new IllegalStateException(SECRET);
    }

    @Get("/async-unexpected")
    public CompletableFuture<String> asyncUnexpected() {
        return CompletableFuture.failedFuture(new IllegalArgumentException(SECRET));
    }

    @Get("/timeout")
    public CompletableFuture<String> timeout() {
        return CompletableFuture.failedFuture(new GridException(GridFailure.TIMEOUT,
                "the operation timed out; it may have been applied", new RuntimeException(SECRET)));
    }

    @Get("/member-lost")
    public String memberLost() {
        throw new GridException(GridFailure.MEMBER_LOST, "the member running the operation left mid-call; it may have been applied");
    }

    @Get("/grid-internal")
    public String gridInternal() {
        throw new GridException(GridFailure.INTERNAL, "unexpected failure: " + SECRET);
    }
}
