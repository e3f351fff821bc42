package dev.veil.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.veil.detectors.Scanner;
import dev.veil.policy.fixture.CaseResult;
import dev.veil.policy.fixture.FixtureCase;
import dev.veil.policy.fixture.FixtureFile;
import dev.veil.policy.fixture.FixtureRunner;
import dev.veil.policy.fixture.ScanningFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code policies/*.cases.yaml} against the policy next to it, one test per case, named
 * by file and description. Cases that need a detector the standard scanner lacks are skipped.
 */
class PolicyFixturesTest {

    @TestFactory
    Stream<DynamicNode> everyExamplePolicyPassesItsFixtures() throws IOException {
        Scanner scanner = Scanner.standard();
        Set<String> types = new HashSet<>(FindingTypes.DOCUMENTED);
        types.addAll(scanner.types());
        FixtureRunner runner = new FixtureRunner(new ScanningFacts(scanner), scanner.types());
        List<Path> files;
        try (Stream<Path> s = Files.list(TestSupport.POLICIES)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".cases.yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no fixture files in " + TestSupport.POLICIES);
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path cases : files) {
            String name = cases.getFileName().toString();
            Path policyFile = cases.resolveSibling(name.replace(".cases.yaml", ".yaml"));
            nodes.add(DynamicContainer.dynamicContainer(name, fileTests(policyFile, cases, types, runner)));
        }
        return nodes.stream();
    }

    private static Stream<DynamicNode> fileTests(Path policyFile, Path casesFile, Set<String> types, FixtureRunner runner) {
        Policy policy;
        FixtureFile fixtures;
        try {
            policy = Policy.load(policyFile, TestSupport.UPSTREAMS, types);
            fixtures = FixtureFile.load(casesFile);
        } catch (PolicyException e) {
            return Stream.of(DynamicTest.dynamicTest("loads", () -> fail(e.getMessage())));
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (FixtureCase c : fixtures.cases()) {
            tests.add(DynamicTest.dynamicTest(c.description(), () -> {
                CaseResult r = runner.run(policy, casesFile.getFileName().toString(), c);
                Assumptions.assumeTrue(r.status() != CaseResult.Status.SKIP, r::line);
                if (r.status() == CaseResult.Status.FAIL) {
                    fail(r.line());
                }
            }));
        }
        return tests.stream();
    }
}
