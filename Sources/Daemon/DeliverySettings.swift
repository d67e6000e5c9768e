/// What the daemon delivers after each report, and how hard it tries.
public struct DeliverySettings: Sendable {
    /// Each report as an e-mail, when set.
    public var mail: MailSettings?
    /// A command run after each report, when set.
    public var hook: HookSettings?
    /// Attempts and backoff of failed deliveries.
    public var policy: DeliveryPolicy

    public init(mail: MailSettings? = nil, hook: HookSettings? = nil, policy: DeliveryPolicy = DeliveryPolicy()) {
        self.mail = mail
        self.hook = hook
        self.policy = policy
    }

    /// Whether anything is delivered.
    public var isEmpty: Bool { mail == nil && hook == nil }

    /// The programs and timeouts that carry deliveries out (defaults where mail or hook is not configured).
    public var programs: DeliveryPrograms {
        DeliveryPrograms(
            sendmail: mail?.sendmail ?? MailSettings.defaultSendmail, mailTimeout: mail?.timeout ?? 60,
            hookTimeout: hook?.timeout ?? 30)
    }
}

/// What carries recorded deliveries out: the mailer (the message on its standard input) and `/bin/sh` for hooks,
/// each with a timeout in seconds.
public struct DeliveryPrograms: Sendable, Hashable {
    public var sendmail: String
    public var mailTimeout: Double
    public var hookTimeout: Double

    public init(sendmail: String, mailTimeout: Double, hookTimeout: Double) {
        precondition(mailTimeout > 0 && hookTimeout > 0, "timeouts are positive")
        self.sendmail = sendmail
        self.mailTimeout = mailTimeout
        self.hookTimeout = hookTimeout
    }
}

/// Mail through a sendmail-compatible program (`sendmail -t -i`: recipients from the message's headers).
public struct MailSettings: Sendable, Hashable {
    /// Recipient addresses, checked with `MailMessage.isValidAddress`.
    public var to: [String]
    /// The sender (`From:` and the envelope sender, `-f`); nil leaves it to the mailer.
    public var from: String?
    /// The sendmail-compatible program.
    public var sendmail: String
    /// Seconds the program may take before it is killed (and the attempt counts as failed).
    public var timeout: Double

    /// The usual place of the system's sendmail (msmtp-mta, Postfix and Exim all provide it).
    public static let defaultSendmail = "/usr/sbin/sendmail"

    public init(to: [String], from: String? = nil, sendmail: String = MailSettings.defaultSendmail, timeout: Double = 60) {
        precondition(!to.isEmpty, "mail needs a recipient")
        precondition(timeout > 0, "the mailer's timeout is positive")
        self.to = to
        self.from = from
        self.sendmail = sendmail
        self.timeout = timeout
    }

    /// The program's arguments: `-t -i`, and `-f FROM` when the sender is given.
    public var arguments: [String] {
        ["-t", "-i"] + (from.map { ["-f", $0] } ?? [])
    }
}

/// A command run through `/bin/sh -c` after each report.
public struct HookSettings: Sendable, Hashable {
    public var command: String
    /// Seconds it may run before it is killed (with everything it started).
    public var timeout: Double

    public init(command: String, timeout: Double = 30) {
        precondition(!command.isEmpty, "a hook has a command")
        precondition(timeout > 0, "a hook's timeout is positive")
        self.command = command
        self.timeout = timeout
    }
}
