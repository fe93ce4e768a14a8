package io.beep.command.account;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Sends the verification mail of an e-mail change to the NEW address (SMTP; GreenMail locally). */
@Component
class EmailChangeMailer {

    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();
    private final String from;

    EmailChangeMailer(AccountsProperties properties) {
        var settings = properties.emailChange();
        sender.setHost(settings.smtpHost());
        sender.setPort(settings.smtpPort());
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        this.from = settings.from();
    }

    void send(String to, String username, String link) {
        var mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to);
        mail.setSubject("Confirm your new Beep e-mail address");
        mail.setText("Hello " + username + ",\n\nsomeone (hopefully you) asked to use this address for the Beep account "
                + username + ". Follow this link to confirm it; until then the old address stays in use:\n\n"
                + link + "\n\nIf it was not you, ignore this mail.\n");
        try {
            sender.send(mail);
        } catch (MailException e) {
            throw new DomainException(ErrorCode.DEPENDENCY_UNAVAILABLE, "the verification mail could not be sent");
        }
    }
}
