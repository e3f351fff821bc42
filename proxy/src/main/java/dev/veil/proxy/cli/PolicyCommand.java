package dev.veil.proxy.cli;

import dev.veil.detectors.Scanner;
import dev.veil.policy.ExplainReport;
import dev.veil.policy.FindingTypes;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyError;
import dev.veil.policy.PolicyException;
import dev.veil.policy.RequestFacts;
import dev.veil.policy.Trust;
import dev.veil.policy.fixture.CaseResult;
import dev.veil.policy.fixture.FixtureFile;
import dev.veil.policy.fixture.FixtureRequest;
import dev.veil.policy.fixture.FixtureRunner;
import dev.veil.proxy.inspect.FixtureFacts;
import dev.veil.proxy.inspect.RequestInspector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil policy}: check, test and explain policy files without starting the proxy. Exit 0
 * when all is well, 1 when a file is invalid or a case fails, 2 on wrong usage.
 */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Check, test and explain policy files.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Test.class, PolicyCommand.Explain.class})
final class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Upstream names and trust the policy is checked against, and the detectors it may name. */
    static final class Environment {

        @Option(names = "--upstream", paramLabel = "NAME=TRUST",
                description = "An upstream and its trust (external or internal); repeat for each. "
                        + "Default: openai=external, local=internal.")
        Map<String, Trust> upstreams = new LinkedHashMap<>();

        Map<String, Trust> upstreams() {
            return upstreams.isEmpty() ? Map.of("openai", Trust.EXTERNAL, "local", Trust.INTERNAL) : upstreams;
        }

        Scanner scanner() {
            return Scanner.standard();
        }

        /** The documented type names plus whatever the standard detectors report. */
        Set<String> knownTypes(Scanner scanner) {
            Set<String> types = new HashSet<>(FindingTypes.DOCUMENTED);
            types.addAll(scanner.types());
            return types;
        }

        Policy load(Path file, Scanner scanner) throws PolicyException {
            return Policy.load(file, upstreams(), knownTypes(scanner));
        }
    }

    static void printErrors(PrintWriter err, List<PolicyError> errors) {
        errors.forEach(e -> err.println(e));
        err.println(errors.size() == 1 ? "1 error" : errors.size() + " errors");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate policy files (and *.cases.yaml fixture files); list every error with file:line:column.")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Environment env;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files to check.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Scanner scanner = env.scanner();
            int failed = 0;
            for (Path file : files) {
                try {
                    if (file.getFileName().toString().endsWith(".cases.yaml")) {
                        // Fixture files sit next to policies; check them as what they are.
                        int cases = FixtureFile.load(file).cases().size();
                        out.println("OK " + file + " (fixture file, " + cases + " cases)");
                        continue;
                    }
                    Policy p = env.load(file, scanner);
                    out.println("OK " + file + " (version " + p.version() + ", " + p.ruleIds().size() + " rules)");
                } catch (PolicyException e) {
                    failed++;
                    printErrors(err, e.errors());
                }
            }
            out.flush();
            err.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run fixture files (<policy>.cases.yaml) against a policy: a line per case and a summary.")
    static final class Test implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Environment env;

        @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
        Path policyFile;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "CASES",
                description = "Fixture files. Default: the file named by the policy's 'fixtures:' key.")
        List<Path> caseFiles = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Scanner scanner = env.scanner();
            Policy policy;
            try {
                policy = env.load(policyFile, scanner);
            } catch (PolicyException e) {
                printErrors(err, e.errors());
                err.flush();
                return 1;
            }
            List<Path> files = caseFiles.isEmpty() ? policy.fixtures().stream().toList() : caseFiles;
            if (files.isEmpty()) {
                err.println(policyFile + ": no fixture files given and the policy names none ('fixtures:')");
                err.flush();
                return 1;
            }
            FixtureRunner runner = new FixtureRunner(proxyFacts(scanner), scanner.types());
            Map<CaseResult.Status, Integer> totals = new EnumMap<>(CaseResult.Status.class);
            boolean invalidFixtures = false;
            for (Path file : files) {
                try {
                    for (CaseResult r : runner.run(policy, FixtureFile.load(file))) {
                        out.println(r.line());
                        totals.merge(r.status(), 1, Integer::sum);
                    }
                } catch (PolicyException e) {
                    invalidFixtures = true;
                    printErrors(err, e.errors());
                }
            }
            int pass = totals.getOrDefault(CaseResult.Status.PASS, 0);
            int fail = totals.getOrDefault(CaseResult.Status.FAIL, 0);
            int skip = totals.getOrDefault(CaseResult.Status.SKIP, 0);
            out.println((pass + fail + skip) + " cases: " + pass + " passed, " + fail + " failed, " + skip
                    + " skipped (policy " + policy.file() + ", version " + policy.version() + ")");
            out.flush();
            err.flush();
            return fail == 0 && !invalidFixtures ? 0 : 1;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Show the findings of a request, each rule's verdict and why, and the decision.")
    static final class Explain implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Environment env;

        @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
        Path policyFile;

        @Parameters(index = "1", paramLabel = "REQUEST",
                description = "A JSON (or YAML) file: an OpenAI request body, or a fixture request "
                        + "(endpoint, tenant, headers, messages or body, findings...).")
        Path requestFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Scanner scanner = env.scanner();
            try {
                Policy policy = env.load(policyFile, scanner);
                String content = Files.readString(requestFile, StandardCharsets.UTF_8);
                FixtureRequest request = FixtureFile.parseRequest(content, requestFile.toString());
                RequestFacts facts = proxyFacts(scanner).apply(request);
                out.print(ExplainReport.render(facts, policy.explain(facts)));
                out.flush();
                return 0;
            } catch (PolicyException e) {
                printErrors(err, e.errors());
            } catch (IOException e) {
                err.println(requestFile + ": cannot read the request file (" + e.getClass().getSimpleName() + ")");
            }
            err.flush();
            return 1;
        }
    }

    /**
     * Facts built the way the running proxy builds them (its parser, its text extraction), so that
     * a case that passes here describes what Veil does with that request.
     */
    private static FixtureFacts proxyFacts(Scanner scanner) {
        return new FixtureFacts(new RequestInspector(scanner, 0));
    }
}
