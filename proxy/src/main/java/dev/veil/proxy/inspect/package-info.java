/** Inspection of one request: text extraction, scanning, the facts for the policy, and masking. */
package dev.veil.proxy.inspect;
