package dev.flotilla.server.limits;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection limits of the HTTP side, in Netty's pipeline, so that slow or idle clients cannot take the node's
 * sockets and threads:
 *
 * <ul>
 *   <li><b>Header timeout</b> ({@code flotilla-server.limits.header-timeout}, 10 s): a connection must deliver a
 *   whole request head (request line and headers) within this time from when it was accepted, and afterwards from
 *   the first byte of each next request; otherwise it is closed. Netty's read-idle timeout does not do this: a
 *   client that sends one header line every few seconds resets it forever. The body, once the head is in, is not
 *   timed here ({@code micronaut.server.read-idle-timeout} covers a stalled upload), nor is a response, a server-sent
 *   event stream included. Between requests, an idle keep-alive connection is left to
 *   {@code micronaut.server.idle-timeout}.</li>
 *   <li><b>Connection cap</b> ({@code flotilla-server.limits.max-connections}, 2,000): a connection accepted while
 *   this many are open is closed at once, before a byte is read, so the node keeps file descriptors and memory for
 *   the ones it serves; a client sees the connection reset or closed and may retry (nothing ran).</li>
 * </ul>
 *
 * <p>HTTP/1.1 only: an HTTP/2 connection is counted by the cap but has no header timer (its streams' heads are
 * decoded by other handlers). Local to this node; other members are never consulted.
 */
@Singleton
public class ConnectionLimits implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);

    private final Duration headerTimeout;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    public ConnectionLimits(@Value("${flotilla-server.limits.header-timeout:10s}") Duration headerTimeout,
                            @Value("${flotilla-server.limits.max-connections:2000}") int maxConnections) {
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new ConfigurationException("flotilla-server.limits.header-timeout must be positive: " + headerTimeout);
        }
        if (maxConnections < 1) {
            throw new ConfigurationException("flotilla-server.limits.max-connections must be 1 or more: " + maxConnections);
        }
        this.headerTimeout = headerTimeout;
        this.maxConnections = maxConnections;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new Connection(channel) : this;
            }
        });
        return event.getBean();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** Connections closed at accept because {@code max-connections} were open, since start. */
    public long refusedConnections() {
        return refused.get();
    }

    /** Connections closed because a request head took longer than {@code header-timeout}, since start. */
    public long headerTimeouts() {
        return timedOut.get();
    }

    /** One accepted connection: counted until it closes; closed at once beyond the cap. */
    private final class Connection implements NettyServerCustomizer {
        private final Channel channel;
        private final boolean over;

        Connection(Channel channel) {
            this.channel = channel;
            this.over = open.incrementAndGet() > maxConnections;
            channel.closeFuture().addListener(f -> open.decrementAndGet());
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return this;
        }

        @Override
        public void onInitialPipelineBuilt() {
            if (over) {
                if (refused.incrementAndGet() % 1000 == 1) {
                    LOG.warn("{} connections open, the limit (flotilla-server.limits.max-connections): new ones are"
                            + " closed at once ({} so far)", maxConnections, refused.get());
                }
                channel.close();
            }
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (over || !channel.isOpen() || pipeline.get(HeadTimer.class) != null
                    || pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null) {
                return;
            }
            HeadTimer timer = new HeadTimer();
            pipeline.addFirst("flotilla-head-bytes", timer.bytes);
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, "flotilla-head-timer", timer);
            timer.start(pipeline.context(timer));
        }
    }

    /**
     * Times each request head: started at accept and at the first byte after a response has ended, stopped when the
     * codec has decoded a head. Runs on the channel's event loop only.
     */
    private final class HeadTimer extends ChannelDuplexHandler {
        /** Sees raw bytes: the first byte of a request, while no head is being timed and none is being served. */
        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (idle && msg instanceof ByteBuf buf && buf.isReadable()) {
                    start(ctx);
                }
                ctx.fireChannelRead(msg);
            }
        };
        /** True between a response's end and the next request's first byte. */
        private boolean idle;
        private ScheduledFuture<?> deadline;

        void start(ChannelHandlerContext ctx) {
            idle = false;
            cancel();
            deadline = ctx.executor().schedule(() -> {
                timedOut.incrementAndGet();
                LOG.debug("closing {}: no complete request head within {} ms", ctx.channel().remoteAddress(),
                        headerTimeout.toMillis());
                ctx.channel().close();
            }, headerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                cancel();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent) {
                idle = true; // the next request's head is timed from its first byte
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        private void cancel() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}
