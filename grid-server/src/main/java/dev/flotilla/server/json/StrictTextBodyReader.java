package dev.flotilla.server.json;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.server.problem.ProblemException;
import io.micronaut.context.annotation.BootstrapContextCompatible;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.io.buffer.ReferenceCounted;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.ChunkedMessageBodyReader;
import io.micronaut.http.body.StringBodyReader;
import io.micronaut.http.body.TypedMessageBodyReader;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes {@code @Body String} request bodies strictly, in place of Micronaut's {@link StringBodyReader}.
 *
 * <p>Why: Micronaut's reader replaces bytes that are not valid in the charset with U+FFFD, so a document with a
 * stray Latin-1 byte was stored altered, with a success answer; and a charset Java cannot look up failed as an
 * unexpected 500. Here invalid bytes are {@code 400 malformed-json} naming the byte offset (RFC 8259: JSON text is
 * UTF-8), and an unreadable charset is {@code 415} ({@code RequestHeaderFilter} refuses non-UTF-8 charsets before
 * this for POST, PUT and PATCH). Both are definite: the body is decoded before any route code runs.
 */
@Singleton
@BootstrapContextCompatible
@Replaces(StringBodyReader.class)
public final class StrictTextBodyReader implements TypedMessageBodyReader<String>, ChunkedMessageBodyReader<String> {

    @Override
    public Argument<String> getType() {
        return Argument.STRING;
    }

    @Override
    public String read(Argument<String> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer)
            throws CodecException {
        // released on success only, as Micronaut's reader does: when a reader throws, the binder releases the buffer
        String text = decode(byteBuffer.toByteArray(), mediaType);
        if (byteBuffer instanceof ReferenceCounted counted) {
            counted.release();
        }
        return text;
    }

    @Override
    public String read(Argument<String> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream)
            throws CodecException {
        try {
            return decode(inputStream.readAllBytes(), mediaType);
        } catch (IOException e) {
            throw new CodecException("the request body could not be read", e);
        }
    }

    @Override
    public Publisher<String> readChunked(Argument<String> type, MediaType mediaType, Headers httpHeaders,
                                         Publisher<ByteBuffer<?>> input) {
        return Flux.from(input).map(chunk -> read(type, mediaType, httpHeaders, chunk));
    }

    /** The text of {@code bytes} in the media type's charset (UTF-8 when it names none); invalid bytes are a 400. */
    static String decode(byte[] bytes, MediaType mediaType) {
        Charset charset = charset(mediaType);
        try {
            CharBuffer text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return text.toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ErrorCode.MALFORMED_JSON, "the request body is not valid " + charset.name()
                    + " (at byte " + firstInvalidByte(bytes, charset) + ")");
        }
    }

    private static Charset charset(MediaType mediaType) {
        try {
            return mediaType == null ? StandardCharsets.UTF_8 : mediaType.getCharset().orElse(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknownOrIllegal) {
            throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the request body's charset is not one this"
                    + " node can read; send UTF-8");
        }
    }

    /** Where decoding first fails: the decoder reports the position of the malformed input it stopped at. */
    private static int firstInvalidByte(byte[] bytes, Charset charset) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(bytes.length), true);
        return in.position();
    }
}
