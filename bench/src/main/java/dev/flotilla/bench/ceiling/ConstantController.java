package dev.flotilla.bench.ceiling;

import dev.flotilla.bench.Documents;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

import java.nio.charset.StandardCharsets;

/**
 * The document API's routes with constant answers of the sizes a node sends: a GET answers a 100-byte document with
 * an ETag, a PUT reads its body as text and answers a write result. Routing, header and body handling are the
 * framework's, as on a node; only the grid is missing.
 */
@Controller("/maps")
public class ConstantController {
    /** A JSON document of 100 bytes, the harness's value size. */
    private static final byte[] DOCUMENT = Documents.ofSize(100).getBytes(StandardCharsets.UTF_8);

    @Get(uri = "/{map}/{key}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> get(@PathVariable String map, @PathVariable String key) {
        return HttpResponse.ok(DOCUMENT).header("ETag", "\"1\"");
    }

    @Put(uri = "/{map}/{key}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> put(@PathVariable String map, @PathVariable String key, @Body String body) {
        return HttpResponse.ok(writeResult(map, key, body.length())).header("ETag", "\"1\"");
    }

    @Post(uri = "/{map}/batch", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> batch(@PathVariable String map, @Body String body) {
        return HttpResponse.ok(writeResult(map, "batch", body.length()));
    }

    private static byte[] writeResult(String map, String key, int length) {
        // built per request, as a node builds its answer; the length keeps the body from being dead code
        return ("{\"map\":\"" + map + "\",\"key\":\"" + key + "\",\"version\":" + (length > 0 ? 1 : 0) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
