/** Time-ordered snowflake ids. */
package io.beep.command.platform.id;
