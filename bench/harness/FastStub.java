import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The upstream every path under test forwards to: a one-thread Netty server that answers
 * {@code POST /v1/chat/completions} like an OpenAI-compatible model, with a fixed answer of a
 * configurable size after a configurable delay, or, when the request asks for {@code "stream":true},
 * an SSE stream of N chunks G ms apart. It never reads the prompt beyond looking for the stream flag,
 * so its cost is the same whatever the workload sends.
 *
 * <p>The shape of the answer is global and set between workloads by the harness, never by the paths
 * under test: {@code POST /control?answer_bytes=10240&delay_ms=20&chunks=64&gap_ms=20}.
 *
 * <p>Run: {@code java -cp proxy/target/veil.jar bench/harness/FastStub.java --port 18080}
 */
public final class FastStub {

    private static volatile Shape shape = new Shape(200, 0, 64, 20);

    record Shape(int answerBytes, int delayMs, int chunks, int gapMs) {
    }

    public static void main(String[] args) throws Exception {
        int port = 18080;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[++i]);
            }
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 << 20),
                                    new Handler());
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            System.out.println("stub listening on 127.0.0.1:" + port);
            System.out.flush();
            ch.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** A JSON-safe filler of exactly n ASCII bytes. */
    static String filler(int n) {
        String words = "the quick brown fox jumps over the lazy dog and keeps running through the field ";
        StringBuilder sb = new StringBuilder(n);
        while (sb.length() < n) {
            sb.append(words);
        }
        sb.setLength(Math.max(0, n));
        return sb.toString();
    }

    static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private static volatile byte[] cachedBody;
        private static volatile Shape cachedFor;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            if (q.path().equals("/control")) {
                Shape s = shape;
                shape = new Shape(intParam(q, "answer_bytes", s.answerBytes()), intParam(q, "delay_ms", s.delayMs()),
                        intParam(q, "chunks", s.chunks()), intParam(q, "gap_ms", s.gapMs()));
                respond(ctx, keepAlive, HttpResponseStatus.OK, "text/plain", (shape + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (q.path().endsWith("/models")) {
                respond(ctx, keepAlive, HttpResponseStatus.OK, "application/json",
                        "{\"object\":\"list\",\"data\":[{\"id\":\"stub-model\",\"object\":\"model\",\"created\":0,\"owned_by\":\"stub\"}]}"
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!q.path().endsWith("/chat/completions")) {
                respond(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "application/json",
                        "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Shape s = shape;
            boolean stream = req.content().toString(StandardCharsets.ISO_8859_1).contains("\"stream\":true");
            if (stream) {
                ctx.executor().schedule(() -> startStream(ctx, keepAlive, s), s.delayMs(), TimeUnit.MILLISECONDS);
            } else if (s.delayMs() == 0) {
                respond(ctx, keepAlive, HttpResponseStatus.OK, "application/json", body(s));
            } else {
                ctx.executor().schedule(() -> respond(ctx, keepAlive, HttpResponseStatus.OK, "application/json", body(s)),
                        s.delayMs(), TimeUnit.MILLISECONDS);
            }
        }

        private static byte[] body(Shape s) {
            if (cachedFor != s) {
                String json = "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1700000000,"
                        + "\"model\":\"stub-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"%s\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":10,\"total_tokens\":20}}";
                int overhead = json.length() - 2;
                cachedBody = String.format(json, filler(s.answerBytes() - overhead)).getBytes(StandardCharsets.UTF_8);
                cachedFor = s;
            }
            return cachedBody;
        }

        private static void startStream(ChannelHandlerContext ctx, boolean keepAlive, Shape s) {
            if (!ctx.channel().isActive()) {
                return;
            }
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
            res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            HttpUtil.setTransferEncodingChunked(res, true);
            if (!keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.write(res);
            sendChunk(ctx, keepAlive, s, 0);
        }

        private static void sendChunk(ChannelHandlerContext ctx, boolean keepAlive, Shape s, int i) {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (i == s.chunks()) {
                String last = "data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                        + "\"model\":\"stub-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: [DONE]\n\n";
                ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(last.getBytes(StandardCharsets.UTF_8))));
                var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) {
                    f.addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            String delta = i == 0 ? "{\"role\":\"assistant\",\"content\":\"tok" + i + " \"}" : "{\"content\":\"tok" + i + " \"}";
            String event = "data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"stub-model\",\"choices\":[{\"index\":0,\"delta\":" + delta
                    + ",\"finish_reason\":null}]}\n\n";
            ByteBuf buf = Unpooled.wrappedBuffer(event.getBytes(StandardCharsets.UTF_8));
            ctx.writeAndFlush(new DefaultHttpContent(buf));
            ctx.executor().schedule(() -> sendChunk(ctx, keepAlive, s, i + 1), s.gapMs(), TimeUnit.MILLISECONDS);
        }

        private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                String type, byte[] body) {
            if (!ctx.channel().isActive()) {
                return;
            }
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (keepAlive) {
                ctx.writeAndFlush(res);
            } else {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static int intParam(QueryStringDecoder q, String name, int dflt) {
            var v = q.parameters().get(name);
            return v == null || v.isEmpty() ? dflt : Integer.parseInt(v.get(0));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
