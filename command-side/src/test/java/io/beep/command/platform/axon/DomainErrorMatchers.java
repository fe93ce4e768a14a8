package io.beep.command.platform.axon;

import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.ErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Fixture matchers for the domain errors {@link DomainErrorInterceptor} carries across the command bus. */
public final class DomainErrorMatchers {

    private DomainErrorMatchers() {
    }

    /** A command failure whose details carry {@code code}. */
    public static Matcher<Object> hasCode(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof CommandExecutionException failure && failure.getDetails()
                        .filter(d -> d instanceof DomainErrorDetails details && details.code() == code).isPresent();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a command failure with code " + code);
            }
        };
    }
}
