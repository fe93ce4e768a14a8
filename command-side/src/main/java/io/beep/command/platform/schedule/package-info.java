/** Background jobs that run on a fixed delay inside the command side. */
package io.beep.command.platform.schedule;
