/* version.h - hvsh's version, in one place. */
#ifndef SH_VERSION_H
#define SH_VERSION_H

#define HVSH_VERSION_STRING "0.1.0"

#endif
