import ArgumentParser
import Daemon
import Reports

/// `--mail-to`, `--mail-from`, `--sendmail`, `--mail-timeout`: mail through the system's sendmail-compatible program.
struct MailOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Mail each report to these addresses (comma-separated) through a sendmail-compatible program.")
    var mailTo: String?
    @Option(name: .long, help: "The sender address (From: and the envelope sender; default: the mailer's).")
    var mailFrom: String?
    @Option(
        name: .long,
        help: "The sendmail-compatible program, run as PATH -t -i (msmtp-mta, Postfix and Exim provide one).")
    var sendmail = MailSettings.defaultSendmail
    @Option(name: .long, help: "Seconds the mailer may take before it is killed and the attempt counts as failed.")
    var mailTimeout = 60.0

    func validate() throws {
        _ = try settings()
    }

    /// The mail settings, or nil without `--mail-to`.
    func settings() throws -> MailSettings? {
        guard mailTimeout > 0 else { throw ValidationError("--mail-timeout must be positive") }
        if let mailFrom, !MailMessage.isValidAddress(mailFrom) {
            throw ValidationError("--mail-from '\(mailFrom)' is not a plain address like radar@example.org")
        }
        guard let mailTo else {
            if mailFrom != nil { throw ValidationError("--mail-from needs --mail-to") }
            return nil
        }
        let addresses = mailTo.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !addresses.isEmpty else { throw ValidationError("--mail-to needs at least one address") }
        for address in addresses where !MailMessage.isValidAddress(address) {
            throw ValidationError(
                "--mail-to: '\(address)' is not a plain address like you@example.org (separate several with commas)")
        }
        guard sendmail.hasPrefix("/") else {
            throw ValidationError("--sendmail must be an absolute path (e.g. /usr/sbin/sendmail or /usr/bin/msmtp)")
        }
        return MailSettings(to: addresses, from: mailFrom, sendmail: sendmail, timeout: mailTimeout)
    }
}
