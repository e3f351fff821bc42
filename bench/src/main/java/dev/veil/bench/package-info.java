/**
 * JMH benchmarks of Veil's hot paths. Build and run with
 * {@code mvn -B -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar <Name>}.
 */
package dev.veil.bench;
