package dev.veil.proxy.server;

import io.netty.channel.ChannelHandlerContext;

/** Told once when the response to an exchange has been fully written or abandoned. */
@FunctionalInterface
interface Completion {
    void finished(ChannelHandlerContext ctx, Exchange exchange, int status, boolean reuseConnection);
}
