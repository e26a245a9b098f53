/*
 * errors.h - error records: building them and showing them.
 *
 * An error record is an object value whose first type name is
 * System.Management.Automation.ErrorRecord with the properties scripts
 * use: Exception (an object with Message and its .NET type name),
 * TargetObject, CategoryInfo (Category, Activity, Reason, TargetName,
 * TargetType; its string form is "ObjectNotFound: (x:String) [Get-Item],
 * ItemNotFoundException"), FullyQualifiedErrorId ("PathNotFound,
 * Microsoft.PowerShell.Commands.GetItemCommand"), InvocationInfo
 * (MyCommand, ScriptName, ScriptLineNumber, OffsetInLine, Line,
 * PositionMessage) and ScriptStackTrace. "$err" gives the message.
 *
 * They are shown as Windows PowerShell's NormalView shows them:
 *   Get-Item : Cannot find path '/nope' because it does not exist.
 *   At line:1 char:1
 *   + Get-Item /nope
 *   + ~~~~~~~~~~~~~~
 *       + CategoryInfo          : ObjectNotFound: (/nope:String) [Get-Item], ItemNotFoundException
 *       + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand
 */
#ifndef SH_ERRORS_H
#define SH_ERRORS_H

#include "ast.h"
#include "parser.h"
#include "util.h"
#include "value.h"

/* System.Management.Automation.ErrorCategory, in its order. */
typedef enum sh_error_category {
	SH_CAT_NOT_SPECIFIED = 0,
	SH_CAT_OPEN_ERROR,
	SH_CAT_CLOSE_ERROR,
	SH_CAT_DEVICE_ERROR,
	SH_CAT_DEADLOCK_DETECTED,
	SH_CAT_INVALID_ARGUMENT,
	SH_CAT_INVALID_DATA,
	SH_CAT_INVALID_OPERATION,
	SH_CAT_INVALID_RESULT,
	SH_CAT_INVALID_TYPE,
	SH_CAT_METADATA_ERROR,
	SH_CAT_NOT_IMPLEMENTED,
	SH_CAT_NOT_INSTALLED,
	SH_CAT_OBJECT_NOT_FOUND,
	SH_CAT_OPERATION_STOPPED,
	SH_CAT_OPERATION_TIMEOUT,
	SH_CAT_SYNTAX_ERROR,
	SH_CAT_PARSER_ERROR,
	SH_CAT_PERMISSION_DENIED,
	SH_CAT_RESOURCE_BUSY,
	SH_CAT_RESOURCE_EXISTS,
	SH_CAT_RESOURCE_UNAVAILABLE,
	SH_CAT_READ_ERROR,
	SH_CAT_WRITE_ERROR,
	SH_CAT_FROM_STD_ERR,
	SH_CAT_SECURITY_ERROR,
	SH_CAT_PROTOCOL_ERROR,
	SH_CAT_CONNECTION_ERROR,
	SH_CAT_AUTHENTICATION_ERROR,
	SH_CAT_LIMITS_EXCEEDED,
	SH_CAT_QUOTA_EXCEEDED,
	SH_CAT_NOT_ENABLED,
} sh_error_category;

const char *sh_error_category_name(sh_error_category c); /* "ObjectNotFound" */

/* Where an error happened: the script text and the extent of the culprit. */
typedef struct sh_error_site {
	const sh_ast_unit *unit;   /* may be NULL */
	const sh_node *node;       /* may be NULL: no position shown */
	const char *command;       /* "Get-Item", or NULL for language errors */
	const char *command_class; /* "Microsoft.PowerShell.Commands.GetItemCommand", or NULL */
} sh_error_site;

/* What a cmdlet or the language says went wrong. */
typedef struct sh_error_info {
	const char *message;
	const char *exception_type; /* default System.Management.Automation.RuntimeException */
	sh_error_category category;
	const char *error_id; /* default: the exception's short name */
	sh_value *target;     /* borrowed; may be NULL */
	const char *reason;   /* CategoryInfo.Reason; default: exception short name */
	const char *activity; /* CategoryInfo.Activity; default: the site's command */
} sh_error_info;

/* A new error record value. */
sh_value *sh_error_record_new(const sh_error_info *info, const sh_error_site *site);
/* A new error record for a parse error in unit text `source`/`file`. */
sh_value *sh_error_record_from_parse(const sh_parse_error *pe, const char *source,
                                     const char *file);
/* Wraps a value thrown by `throw`: an error record stays as is; any other
 * value becomes a RuntimeException record whose message is its string and
 * whose TargetObject is the value ("ScriptHalted" when $null was thrown). */
sh_value *sh_error_record_from_thrown(sh_value *thrown, const sh_error_site *site);

/* Accessors for C code. */
const char *sh_error_message(const sh_value *record);        /* borrowed, never NULL */
const char *sh_error_exception_type(const sh_value *record); /* full .NET name */
bool sh_is_error_record(const sh_value *v);

/* The .NET-style class name PowerShell would give a cmdlet, for the
 * second half of FullyQualifiedErrorId: "Get-Item" ->
 * "Microsoft.PowerShell.Commands.GetItemCommand". Malloc'd. */
char *sh_error_command_class(const char *cmdlet_name);

/* Appends the NormalView text of a record (with trailing newline). */
void sh_error_format(const sh_value *record, sh_buf *out);

#endif
