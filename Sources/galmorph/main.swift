// galmorph — executable entry point: picks OpenBLAS's fast kernel (re-executing once if needed), then runs the
// root command of GalmorphCommands.
import GalmorphCommands
Galmorph.prepareRuntime()
Galmorph.main()
