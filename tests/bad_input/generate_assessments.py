"""Streams a large `mhpbr classify` input to standard output or a file:
assessments with random ratings, about 1 in 1000 rows bad (a rating of 7),
until the given number of bytes. Used for the large-input run recorded in
tests/README.md (not run by ctest):

  python3 tests/bad_input/generate_assessments.py 5000000000 /tmp/big.csv
"""

import random
import sys


def main():
    target = int(sys.argv[1])
    out = open(sys.argv[2], "wb") if len(sys.argv) > 2 else sys.stdout.buffer
    rng = random.Random(1)
    header = (b"assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,"
              b"r11,r12,r13,ra,rb,rc,rd,re,allocated_cluster\n")
    cells = [b"0", b"1", b"2", b"3", b"4", b""]
    bodies = []
    for i in range(4096):
        r = [rng.choice(cells) for _ in range(18)]
        if i % 1000 == 999:
            r[3] = b"7"  # rejected: not a rating
        bodies.append(b",2023-04-03," + b",".join(r) + b"," +
                      str(rng.choice([1, 3, 4, 11, 21])).encode() + b"\n")
    out.write(header)
    written = len(header)
    n = 0
    while written < target:
        chunk = []
        for _ in range(8192):
            chunk.append(b"A%d,P%d" % (n, n % 250000) + bodies[n % 4096])
            n += 1
        data = b"".join(chunk)
        out.write(data)
        written += len(data)
    out.close()
    sys.stderr.write("%d rows, %d bytes\n" % (n, written))


if __name__ == "__main__":
    main()
