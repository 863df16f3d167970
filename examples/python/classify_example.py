#!/usr/bin/env python3
"""Classifies one MHCT assessment with the mhpbr package, checks the
clinician's allocation against the cluster's red rules, and says when the
cluster's review falls due and what its care package is expected to cost.

Install the package first (python/README.md), or run it from a build tree:
PYTHONPATH=build/python python3 examples/python/classify_example.py
"""

import datetime

import mhpbr

rules = mhpbr.Rules.default()  # or mhpbr.Rules.from_file("official.textproto")
classifier = mhpbr.Classifier(rules)

# Items 1-13 and A-E; an item left out, or None, is "not known". Item 8 may
# instead be given by type ("8A": 2, ...).
ratings = {"1": 0, "2": 0, "3": 0, "4": 0, "5": 1, "6": 3, "7": 0, "8": 0,
           "9": 2, "10": 2, "11": 0, "12": 2, "13": 0,
           "A": 0, "B": 0, "C": 0, "D": 0, "E": 0}
assessed = datetime.date(2023, 9, 4)

try:
    c = classifier.classify(ratings, psychosis=True, allocated=1)
except mhpbr.InvalidArgument as e:  # a bad rating or cluster, named
    raise SystemExit("bad assessment: %s" % e)

print("suggested cluster %d (fit %s), runner-up %s (fit %s), %s"
      % (c.suggested_cluster, c.suggested_fit, c.runner_up_cluster,
         c.runner_up_fit, c.superclass))
if c.allocation_red:
    print("allocation to cluster %d breaks its red rule on item(s) %s"
          % (c.allocated_cluster, ", ".join(c.red_items)))

if c.suggested_cluster != 0:
    info = rules.cluster(c.suggested_cluster)
    review = rules.review_due(c.suggested_cluster, since=assessed,
                              as_of=datetime.date(2024, 3, 31))
    cost = mhpbr.Catalogue().template_cost(c.suggested_cluster)  # the example catalogue
    print("%s: review every %d %s, due %s (%d days overdue on 31 March 2024)"
          % (info.name, info.review_count, info.review_unit, review.review_due,
             review.overdue_days))
    print("expected care package cost per review period: %.2f pounds"
          % (cost.total_pence / 100))
