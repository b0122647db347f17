# snippet: timeout=60
"""What check_exact=False lets through on the segment report: nothing on Decimal values, a cent on floats."""

from decimal import Decimal

import fix
import pandas as pd
from _data import load_orders


# --8<-- [start:tolerance]
def approx(left: pd.DataFrame, right: pd.DataFrame) -> str:
    try:
        pd.testing.assert_frame_equal(left, right, check_exact=False)  # default rtol=1e-5
    except AssertionError:
        return "FAIL"
    return "PASS"


report = fix.build_reports(fix.enrich(load_orders()))["segment"]
drifted = report.copy()
drifted.loc[0, "amount_eur"] += Decimal("0.01")  # one cent of drift on one total
as_float = {"amount_eur": "float64"}

print(f"{report.loc[0, 'segment']}: {report.loc[0, 'amount_eur']} vs {drifted.loc[0, 'amount_eur']}")
print(f"check_exact=False, Decimal (object) column: {approx(report, drifted)}")
print(f"check_exact=False, float64 column:          {approx(report.astype(as_float), drifted.astype(as_float))}")
print(f"float tolerance at this size, 1e-5 x total: {1e-5 * float(drifted.loc[0, 'amount_eur']):.2f}")
# --8<-- [end:tolerance]
