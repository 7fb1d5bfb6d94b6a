//! The error every server function returns. It travels typed from the server
//! to the browser, so per-field errors survive the trip. Internal causes are
//! logged on the server and never sent.

use serde::{Deserialize, Serialize};
use server_fn::ServerFnError;
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::domain::FieldErrors;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Войдите в систему")]
    Unauthorized,
    #[error("Недостаточно прав для этого действия")]
    Forbidden,
    #[error("Не найдено")]
    NotFound,
    #[error("Форма заполнена с ошибками")]
    Invalid(FieldErrors),
    #[error("Неверный логин или пароль")]
    BadCredentials,
    #[error("Слишком много попыток подряд. Подождите минуту и попробуйте снова")]
    RateLimited,
    #[error("{0}")]
    Refused(String),
    #[error(
        "Не удалось выполнить действие из-за внутренней ошибки. Попробуйте ещё раз; если не поможет — сообщите в техническую поддержку"
    )]
    Internal,
    #[error("Сервер не понял запрос. Обновите страницу и попробуйте ещё раз")]
    BadRequest,
    #[error("Нет связи с сервером. Проверьте подключение и попробуйте ещё раз")]
    Transport(String),
}

impl AppError {
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(e) => Some(e),
            _ => None,
        }
    }

    /// Logs the internal cause (never sent to the browser) and returns the
    /// generic error.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!(context, %cause, "internal error");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // In the browser: the request did not get through.
            ServerFnErrorErr::Request(e) | ServerFnErrorErr::Response(e) => AppError::Transport(e),
            // On the server: the arguments did not decode, and the like. The
            // details (parser messages) are not for the user.
            _ => AppError::BadRequest,
        }
    }
}

impl From<ServerFnError> for AppError {
    fn from(value: ServerFnError) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl From<FieldErrors> for AppError {
    fn from(value: FieldErrors) -> Self {
        AppError::Invalid(value)
    }
}
