// Today's date for the checks, from the system clock (the model itself takes it as an input).

import KPIFiles
import KPIPlan

enum PlanFilesClock {
    static func today() -> Day { PlanFiles.today() }
}
