/** Reserved for the operator routes: projection status, lag and rebuilds. */
package io.beep.projections.admin;
