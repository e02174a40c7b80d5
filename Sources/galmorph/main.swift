// galmorph — executable entry point: runs the root command of GalmorphCommands.
import GalmorphCommands
Galmorph.main()
