"""Write stratified cross-validation folds of a labelled CSV, to run recommend.py on each:

    python benchmarks/cv_splits.py --csv train.csv --folds 5 --out /tmp/folds
    for k in 0 1 2 3 4; do python benchmarks/recommend.py \\
        --train /tmp/folds/train-$k.csv --test /tmp/folds/test-$k.csv \\
        --categories ../shared/data/gov-messages/categories.csv; done

(With --train outside the data folder, pass --categories and --unlabelled explicitly.)
"""

import argparse
import csv
from pathlib import Path

from sklearn.model_selection import StratifiedKFold


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", type=Path, required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    with open(args.csv, encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    args.out.mkdir(parents=True, exist_ok=True)
    folds = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
    for k, (train, test) in enumerate(folds.split(rows, [r["label"] for r in rows])):
        for name, part in (("train", train), ("test", test)):
            with open(args.out / f"{name}-{k}.csv", "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=fields)
                w.writeheader()
                w.writerows(rows[i] for i in part)
    print(f"{args.folds} folds written to {args.out}")


if __name__ == "__main__":
    main()
