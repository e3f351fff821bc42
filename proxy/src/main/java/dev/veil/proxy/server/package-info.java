/**
 * The server side: the connection pipeline, the request handler that runs scan, decide, forward
 * and audit, response relaying and the model list.
 */
package dev.veil.proxy.server;
