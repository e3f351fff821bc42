"""Tests of the scorer's counting rules, on made-up spans (no evaluation data needed).

Run: python3 -m unittest discover -s eval -p 'test_*.py'
"""

import os
import tempfile
import unittest

import evaldata
import score


class MatchingTest(unittest.TestCase):

    def test_iou_of_identical_disjoint_and_half_overlapping_spans(self):
        self.assertEqual(score.iou((0, 10), (0, 10)), 1.0)
        self.assertEqual(score.iou((0, 10), (10, 20)), 0.0)
        self.assertAlmostEqual(score.iou((0, 10), (5, 15)), 5 / 15)

    def test_merge_unions_overlapping_spans_only(self):
        self.assertEqual(score.merge([(5, 9), (0, 6), (10, 12)]), [(0, 9), (10, 12)])

    def test_one_found_span_matches_at_most_one_labelled_span(self):
        n, _, _ = score.match([(0, 4), (0, 4)], [(0, 4)], 0.5)
        self.assertEqual(n, 1)

    def test_exact_needs_the_same_boundaries(self):
        self.assertEqual(score.match([(0, 10)], [(0, 9)], None)[0], 0)
        self.assertEqual(score.match([(0, 10)], [(0, 9)], 0.5)[0], 1)

    def test_best_overlap_wins_when_spans_compete(self):
        # The found span (0, 10) overlaps both labels; it must go to the better one, leaving
        # (9, 20) for the second label.
        n, _, _ = score.match([(0, 10), (9, 20)], [(0, 10), (9, 20)], 0.5)
        self.assertEqual(n, 2)

    def test_f2_weights_recall(self):
        c = score.Counts()
        c.add([(0, 1), (2, 3), (4, 5), (6, 7)], [(0, 1)])
        p, r, f2 = c.prf(0.5, beta=2.0)
        self.assertEqual((p, r), (1.0, 0.25))
        self.assertAlmostEqual(f2, 5 * 1.0 * 0.25 / (4 * 1.0 + 0.25))


class LabelledScoringTest(unittest.TestCase):

    def test_typed_scores_use_the_label_mapping_and_ip_versions_share_a_group(self):
        docs = [evaldata.Doc("a", "x" * 40, [evaldata.Span("IP_ADDRESS", 0, 9),
                                              evaldata.Span("PERSON", 20, 30)])]
        found = {"a": [("network.ipv6", 0, 9), ("pii.location", 20, 30)]}
        per_group, typed, any_all, _, chars = score.score_labelled(
            docs, lambda d: found[d.id], evaldata.SYNTH_LABELS)
        self.assertEqual(per_group["network.ip"].tp[0.5], 1)
        self.assertEqual(per_group["pii.person"].tp[0.5], 0, "wrong type is a miss when typed")
        self.assertEqual(typed.prf(0.5)[:2], (0.5, 0.5))
        self.assertEqual(any_all.prf(0.5)[:2], (1.0, 1.0), "but a hit for any PII")
        self.assertEqual((chars["gold"], chars["found"], chars["both"]), (19, 19, 19))

    def test_the_three_special_category_types_score_in_one_group_for_nrp(self):
        docs = [evaldata.Doc("a", "x" * 60, [evaldata.Span("NRP", 0, 5), evaldata.Span("NRP", 10, 15),
                                              evaldata.Span("NRP", 20, 25), evaldata.Span("AGE", 30, 32)])]
        found = {"a": [("pii.nationality", 0, 5), ("pii.religion", 10, 15),
                       ("pii.political_affiliation", 20, 25), ("pii.age", 30, 32),
                       ("pii.religion", 40, 45)]}
        per_group, _, _, _, _ = score.score_labelled(docs, lambda d: found[d.id], evaldata.SYNTH_LABELS)
        group = per_group[evaldata.SYNTH_LABELS["NRP"]]
        self.assertEqual((group.gold, group.found, group.tp[0.5]), (3, 4, 3))
        self.assertEqual(per_group["pii.age"].prf(0.5)[:2], (1.0, 1.0))
        self.assertNotIn("pii.religion", per_group, "a grouped type is scored only in its group")

    def test_characters_count_a_whole_address_against_its_labelled_fragments(self):
        text = "at 12 Elm Road\nSpringfield 12345 ok"
        docs = [evaldata.Doc("a", text, [evaldata.Span("STREET_ADDRESS", 3, 14),
                                          evaldata.Span("STREET_ADDRESS", 27, 32)])]
        found = [("pii.street_address", 3, 32)]
        _, _, any_all, _, chars = score.score_labelled(docs, lambda d: found,
                                                       evaldata.SYNTH_LABELS)
        self.assertEqual(any_all.tp[0.5], 0, "the whole address matches neither fragment well")
        self.assertEqual(chars["both"], chars["gold"], "but every labelled character is covered")
        self.assertEqual(chars["found"], chars["gold"] + len("Springfield"))

    def test_topic_findings_are_not_spans(self):
        self.assertFalse(evaldata.is_span_type("topic.health"))
        self.assertTrue(evaldata.is_span_type("pii.email"))


class WnutTest(unittest.TestCase):

    def test_bio_tags_become_character_spans(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "wnut17"))
            with open(os.path.join(d, "wnut17", "emerging.test.annotated"), "w") as f:
                f.write("met\tO\nAnn\tB-person\nLee\tI-person\nin\tO\nOslo\tB-location\n\n"
                        "ok\tO\n")
            docs = evaldata.wnut17(d)
        self.assertEqual(len(docs), 2)
        self.assertEqual(docs[0].text, "met Ann Lee in Oslo")
        self.assertEqual(docs[0].spans, [evaldata.Span("person", 4, 11),
                                         evaldata.Span("location", 15, 19)])


class SecretsTest(unittest.TestCase):

    def test_positive_needs_the_whole_span_covered_and_negative_any_finding_counts(self):
        docs = [
            evaldata.Doc("p1", "", meta={"label": "positive", "span": [5, 15], "rule": "r",
                                         "categories": ["secret"]}),
            evaldata.Doc("p2", "", meta={"label": "positive", "span": [5, 15], "rule": "r",
                                         "categories": ["secret"]}),
            evaldata.Doc("n1", "", meta={"label": "negative", "span": None, "rule": "r",
                                         "categories": ["secret"]}),
        ]
        found = {"p1": [("secret.x", 0, 20)], "p2": [("secret.x", 8, 20)],
                 "n1": [("pii.email", 0, 3)]}
        r = score.score_secrets(docs, lambda d: found[d.id])
        self.assertEqual((r["covered"], r["overlapped"], r["pos"]), (1, 2, 2))
        self.assertEqual(r["neg_hit"], 0, "only secret.* findings count on negatives")


if __name__ == "__main__":
    unittest.main()
