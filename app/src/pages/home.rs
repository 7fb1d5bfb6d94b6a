//! `/`: sends each user where they belong.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::api::auth::current_user;

#[component]
pub fn Home() -> impl IntoView {
    let me = Resource::new_blocking(|| (), |_| current_user());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let path = match me.await {
                    Ok(Some(me)) => me.landing().to_string(),
                    _ => "/login".to_string(),
                };
                view! { <Redirect path=path /> }
            })}
        </Suspense>
    }
}
