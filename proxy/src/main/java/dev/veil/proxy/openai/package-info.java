/**
 * The OpenAI wire format as Veil needs it: endpoints, request parsing and validation, the text
 * fields of a body, and the error shape.
 */
package dev.veil.proxy.openai;
