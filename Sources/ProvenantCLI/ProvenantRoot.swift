// Temporary root command on the forensics-model branch so `train` and `eval` can run;
// the `app` branch owns the real root command and lists these as subcommands.
import ArgumentParser

@main
struct ProvenantRoot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provenant",
        abstract: "Provenant (forensics-model branch: train and eval only).",
        subcommands: [TrainCommand.self, EvalCommand.self])
}
