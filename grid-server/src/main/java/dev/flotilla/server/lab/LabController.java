package dev.flotilla.server.lab;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.ExperimentStatus;
import dev.flotilla.client.protocol.Problem;
import dev.flotilla.lab.run.ClusterKind;
import dev.flotilla.lab.run.ExperimentSpec;
import dev.flotilla.lab.run.InvalidSpecException;
import dev.flotilla.server.ApiComponents;
import dev.flotilla.server.ViewErrors;
import dev.flotilla.server.json.StreamedBodies;
import dev.flotilla.server.problem.ProblemException;
import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The consistency lab over HTTP: submit an experiment spec, follow its progress, read its report and history.
 *
 * <p>Experiments run on their own in-process clusters, never on this node's member: submitting one does not touch
 * the node's data. Process experiments ({@code cluster: processes}) are refused: they start node processes, which is
 * the launcher's job ({@code bin/flotilla lab run}), not something a node does for whoever reaches its port. They run one at a time (see {@link LabExperiments}).
 */
@Controller("/lab/experiments")
@Tag(name = "lab")
@ViewErrors
public class LabController {
    private static final Set<String> NO_PARAMETERS = Set.of();
    private static final MediaType NDJSON = MediaType.of("application/x-ndjson");

    private final LabExperiments experiments;

    public LabController(LabExperiments experiments) {
        this.experiments = experiments;
    }

    /** Queues an experiment given as a spec (JSON or YAML, the keys of config/experiments/*.yml); 202 + Location. */
    @Operation(summary = "Submit an experiment", description = "202 with Location /lab/experiments/{id}; 400 invalid-spec naming the field")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.EXPERIMENT_SPEC)),
            @Content(mediaType = "application/yaml", schema = @Schema(ref = ApiComponents.EXPERIMENT_SPEC)),
            @Content(mediaType = "text/yaml", schema = @Schema(ref = ApiComponents.EXPERIMENT_SPEC))})
    @ApiResponse(responseCode = "202",
            description = "queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.EXPERIMENT_STATUS)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = ApiComponents.LOCATION, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "413", description = ApiComponents.PAYLOAD_TOO_LARGE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @ApiResponse(responseCode = "415", description = ApiComponents.UNSUPPORTED_MEDIA_TYPE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @ApiResponse(responseCode = "503", description = "lab-busy: the lab queue is full; nothing was queued",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Post(uri = "/", produces = MediaType.APPLICATION_JSON)
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "text/yaml"})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<ExperimentStatus> submit(@Body String spec, HttpRequest<?> request) {
        QueryParameters.requireOnly(request, NO_PARAMETERS);
        ExperimentSpec parsed = parse(spec, request.getContentType().map(MediaType.APPLICATION_JSON_TYPE::matches)
                .orElse(false));
        ExperimentStatus status = experiments.submit(parsed);
        return HttpResponse.accepted(URI.create(status.links().get("self"))).body(status);
    }

    /** Every experiment on this node, oldest first. */
    @Operation(summary = "List experiments")
    @ApiResponse(responseCode = "200",
            description = "every experiment on this node, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.EXPERIMENT_STATUS_LIST)))
    @Get(uri = "/", produces = MediaType.APPLICATION_JSON)
    public List<ExperimentStatus> list(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, NO_PARAMETERS);
        return experiments.list();
    }

    /** One experiment's state and progress; verdict and summary once done. */
    @Operation(summary = "Experiment progress", description = "404 not-found for an unknown id")
    @ApiResponse(responseCode = "200",
            description = "state and progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.EXPERIMENT_STATUS)))
    @ApiResponse(responseCode = "404", description = ApiComponents.NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public ExperimentStatus status(@PathVariable String id, HttpRequest<?> request) {
        QueryParameters.requireOnly(request, NO_PARAMETERS);
        return experiments.status(id);
    }

    /**
     * Cancels an experiment: a queued one leaves the queue, a running one stops (clients, nemesis and its members
     * shut down; what it recorded is kept); state {@code cancelled}. One that already ended is left as it is, so a
     * repeated DELETE answers the same.
     */
    @Operation(summary = "Cancel an experiment", description = "200 with the status; 404 not-found for an unknown id")
    @ApiResponse(responseCode = "200",
            description = "the status after the cancel: cancelled, or the state it had already ended in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.EXPERIMENT_STATUS)))
    @ApiResponse(responseCode = "404", description = ApiComponents.NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public ExperimentStatus cancel(@PathVariable String id, HttpRequest<?> request) {
        QueryParameters.requireOnly(request, NO_PARAMETERS);
        return experiments.cancel(id);
    }

    /** The report: {@code report.html} when the caller accepts HTML first, else {@code result.json}; 409 until done. */
    @Operation(summary = "Experiment report", description = "HTML or JSON by Accept; 409 not-ready until the experiment is done")
    @ApiResponse(responseCode = "200",
            description = "result.json, or report.html when Accept prefers text/html",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.EXPERIMENT_REPORT)),
            @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = ApiComponents.NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "not-ready: the experiment is not done",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Get(uri = "/{id}/report", produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public SystemFile report(@PathVariable String id, @Nullable @Header("Accept") String accept, HttpRequest<?> request) {
        QueryParameters.requireOnly(request, NO_PARAMETERS);
        boolean html = accept != null && accept.contains(MediaType.TEXT_HTML)
                && (!accept.contains(MediaType.APPLICATION_JSON) || accept.indexOf(MediaType.TEXT_HTML) < accept.indexOf(MediaType.APPLICATION_JSON));
        Path file = experiments.file(id, html ? "report.html" : "result.json");
        return new SystemFile(file.toFile(), html ? MediaType.TEXT_HTML_TYPE : MediaType.APPLICATION_JSON_TYPE);
    }

    /** The recorded history as JSON Lines (DESIGN.md section 6); 409 until done. */
    @Operation(summary = "Experiment history", description = "application/x-ndjson, one operation event per line")
    @ApiResponse(responseCode = "200",
            description = "the history, one operation event per line (JSON Lines)",
            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = ApiComponents.NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "not-ready: the experiment is not done",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Get(uri = "/{id}/history", produces = "application/x-ndjson")
    public SystemFile history(@PathVariable String id, HttpRequest<?> request) {
        QueryParameters.requireOnly(request, NO_PARAMETERS);
        return new SystemFile(experiments.file(id, "history.jsonl").toFile(), NDJSON);
    }

    private static ExperimentSpec parse(String spec, boolean json) {
        if (spec == null || spec.isBlank()) {
            throw new ProblemException(ErrorCode.INVALID_SPEC, "the body must be an experiment spec (JSON or YAML), not empty");
        }
        if (json) {
            try {
                // the YAML reader's own errors would not name the JSON limit a body passes
                StreamedBodies.requireWellFormed(spec);
            } catch (ProblemException e) {
                throw new ProblemException(ErrorCode.INVALID_SPEC, e.getMessage());
            }
        }
        ExperimentSpec parsed;
        try {
            // JSON is YAML: one reader serves both content types.
            parsed = ExperimentSpec.fromYaml(new StringReader(spec));
        } catch (InvalidSpecException e) {
            throw new ProblemException(ErrorCode.INVALID_SPEC, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(ErrorCode.INVALID_SPEC, "the body is not a readable JSON or YAML spec");
        }
        if (parsed.cluster() == ClusterKind.PROCESSES) {
            // A node that starts other node processes on request is a way in for anyone who reaches its port.
            throw new ProblemException(ErrorCode.INVALID_SPEC, "cluster = processes: a node runs in-process"
                    + " experiments only; run process experiments with bin/flotilla lab run");
        }
        return parsed;
    }
}
