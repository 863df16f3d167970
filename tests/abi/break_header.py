#!/usr/bin/env python3
"""Writes a copy of the C header with one named incompatible change, for the
tests that prove tools/abi_check.py refuses it."""
import sys

BREAKS = {
    "changed_prototype": ("int32_t mhpbr_version_number(void)",
                          "int64_t mhpbr_version_number(void)"),
    "reordered_fields": ("  int32_t organic;    /* MHPBR_ANSWER_* */\n"
                         "  int32_t psychosis;  /* MHPBR_ANSWER_* */",
                         "  int32_t psychosis;\n  int32_t organic;"),
    "changed_constant": ("#define MHPBR_INVALID_ARGUMENT 3",
                         "#define MHPBR_INVALID_ARGUMENT 4"),
    "removed_function": ("MHPBR_EXPORT void mhpbr_free(void* p);", ""),
    "retyped_field": ("  int32_t allocated_cluster;\n} mhpbr_assessment;",
                      "  int64_t allocated_cluster;\n} mhpbr_assessment;"),
}

name, src, dst = sys.argv[1:4]
old, new = BREAKS[name]
text = open(src).read()
if old not in text:
    sys.exit("break %s: pattern not found in %s" % (name, src))
open(dst, "w").write(text.replace(old, new, 1))
