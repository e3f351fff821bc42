/** JMH benchmarks of the audit trail: writing with encryption and chaining, and offline verification. */
package dev.veil.bench.audit;
